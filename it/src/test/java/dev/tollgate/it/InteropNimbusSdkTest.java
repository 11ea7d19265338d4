package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationErrorResponse;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.AuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.JWTBearerGrant;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.assertions.jwt.JWTAssertionDetails;
import com.nimbusds.oauth2.sdk.assertions.jwt.JWTAssertionFactory;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.id.Subject;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessTokenType;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import com.nimbusds.openid.connect.sdk.AuthenticationErrorResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.SubjectType;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.AccessTokenValidator;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.net.URI;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Nimbus OAuth 2.0 / OpenID Connect SDK as a strict relying party: it discovers Tollgate, runs the
 * authorization code flow with PKCE, state and nonce for a web client, validates the ID token, and
 * calls userinfo, introspection and revocation, parsing every answer with its own parsers. Assertion
 * messages carry the HTTP exchanges the SDK made.
 */
class InteropNimbusSdkTest extends EndToEnd {
    private static final URI REDIRECT = URI.create("https://rp.example.com/oidc/callback");
    private static final String PASSWORD = "correct horse battery";

    private String project;
    private Issuer issuer;
    private OIDCProviderMetadata op;
    private ClientID clientId;
    private Secret secret;
    private ClientAuthentication basic;
    private StringBuilder exchanges;

    @BeforeAll
    void webClientOfAProjectWithCalendar() throws Exception {
        project = createProject(adminToken);
        enable(adminToken, project, "calendar");
        http.patchJson("/admin/v1/projects/" + project + "/consentScreen", adminToken,
                Map.of("applicationName", "Calendar Pal", "supportEmail", "help@example.com"));
        OAuthClients.Registered web = OAuthClients.register(http, adminToken, project, "web", List.of(REDIRECT.toString()));
        clientId = new ClientID(web.clientId());
        secret = new Secret(web.secret());
        basic = new ClientSecretBasic(clientId, secret);
        issuer = new Issuer(adminKey.tokenUri().replaceFirst("/token$", ""));
        op = OIDCProviderMetadata.resolve(issuer);
    }

    @BeforeEach
    void freshRecord() {
        exchanges = new StringBuilder();
    }

    // ---------------------------------------------------------------- discovery

    @Test
    void openIdConfigurationParsesStrictlyAndDescribesTheCodeFlowWithPkceAndIssuerParameter() throws Exception {
        HTTPResponse response = send(new HTTPRequest(HTTPRequest.Method.GET, URI.create(issuer.getValue() + "/.well-known/openid-configuration")));
        assertThat(response.getStatusCode()).as(exchanges.toString()).isEqualTo(200);
        response.ensureEntityContentType();
        OIDCProviderMetadata metadata = OIDCProviderMetadata.parse(response.getBody());

        assertThat(metadata.getIssuer()).isEqualTo(issuer);
        assertThat(metadata.getAuthorizationEndpointURI()).isEqualTo(URI.create(issuer + "/o/oauth2/v2/auth"));
        assertThat(metadata.getTokenEndpointURI()).isEqualTo(URI.create(issuer + "/token"));
        assertThat(metadata.getUserInfoEndpointURI()).isEqualTo(URI.create(issuer + "/v1/userinfo"));
        assertThat(metadata.getJWKSetURI()).isEqualTo(URI.create(issuer + "/oauth2/v3/certs"));
        assertThat(metadata.getRevocationEndpointURI()).isEqualTo(URI.create(issuer + "/revoke"));
        assertThat(metadata.getIntrospectionEndpointURI()).isEqualTo(URI.create(issuer + "/introspect"));
        assertThat(metadata.getResponseTypes()).containsExactly(ResponseType.CODE);
        assertThat(metadata.getSubjectTypes()).containsExactly(SubjectType.PUBLIC);
        assertThat(metadata.getIDTokenJWSAlgs()).containsExactly(JWSAlgorithm.RS256);
        assertThat(metadata.getCodeChallengeMethods()).containsExactly(CodeChallengeMethod.S256);
        assertThat(metadata.getTokenEndpointAuthMethods()).contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC,
                ClientAuthenticationMethod.CLIENT_SECRET_POST, ClientAuthenticationMethod.PRIVATE_KEY_JWT);
        assertThat(metadata.getGrantTypes()).contains(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN, GrantType.JWT_BEARER,
                GrantType.DEVICE_CODE, GrantType.CLIENT_CREDENTIALS);
        assertThat(metadata.supportsAuthorizationResponseIssuerParam()).isTrue();
        assertThat(metadata.getScopes().toStringList()).contains("openid", "email", "calendar");

        // The SDK's resolver checks that the document's issuer is the one it asked about (OIDC Discovery §4.3).
        assertThat(OIDCProviderMetadata.resolve(issuer).getIssuer()).isEqualTo(issuer);
        JWKSet jwks = JWKSet.load(metadata.getJWKSetURI().toURL());
        assertThat(jwks.getKeys()).isNotEmpty().allSatisfy(k -> {
            assertThat(k).isInstanceOf(RSAKey.class);
            assertThat(k.isPrivate()).isFalse();
            assertThat(k.getKeyID()).isNotBlank();
        });
    }

    @Test
    void oauthAuthorizationServerMetadataParsesStrictlyWithTheSameIssuer() throws Exception {
        HTTPResponse response = send(new HTTPRequest(HTTPRequest.Method.GET, URI.create(issuer.getValue() + "/.well-known/oauth-authorization-server")));
        assertThat(response.getStatusCode()).as(exchanges.toString()).isEqualTo(200);
        AuthorizationServerMetadata metadata = AuthorizationServerMetadata.parse(response.getBody());
        assertThat(metadata.getIssuer()).isEqualTo(issuer);
        assertThat(metadata.getTokenEndpointURI()).isEqualTo(op.getTokenEndpointURI());
        assertThat(metadata.getDeviceAuthorizationEndpointURI()).isEqualTo(URI.create(issuer + "/device/code"));
        assertThat(metadata.getCodeChallengeMethods()).containsExactly(CodeChallengeMethod.S256);
        assertThat(metadata.supportsAuthorizationResponseIssuerParam()).isTrue();
        // RFC 8414 §3.3: the resolver refuses a document whose issuer is not the one asked about.
        assertThat(AuthorizationServerMetadata.resolve(issuer).getIssuer()).isEqualTo(issuer);
    }

    // ---------------------------------------------------------------- the code flow

    @Test
    void codeFlowWithPkceStateAndNonceGivesAnIdTokenThatTheSdksValidatorAccepts() throws Exception {
        String email = newPerson();
        Signed in = signInAndRedeem(email, new Scope("openid", "email", "calendar"), basic);

        IDTokenClaimsSet claims = new IDTokenValidator(op.getIssuer(), clientId, JWSAlgorithm.RS256, op.getJWKSetURI().toURL())
                .validate(in.tokens().getIDToken(), in.nonce());
        assertThat(claims.getIssuer()).isEqualTo(issuer);
        assertThat(claims.getAudience()).extracting(a -> a.getValue()).containsExactly(clientId.getValue());
        assertThat(claims.getNonce()).isEqualTo(in.nonce());
        assertThat(claims.getStringClaim("email")).isEqualTo(email);
        assertThat(claims.getAuthenticationTime()).isNotNull();
        assertThat(claims.getSubject().getValue()).isNotBlank();
        if (claims.getAccessTokenHash() != null) {
            // OIDC Core §3.1.3.8: when the ID token carries at_hash it must match the access token.
            AccessTokenValidator.validate(in.tokens().getAccessToken(), JWSAlgorithm.RS256, claims.getAccessTokenHash());
        }

        BearerAccessToken access = in.tokens().getBearerAccessToken();
        assertThat(access.getLifetime()).isBetween(3500L, 3599L);
        assertThat(access.getScope()).isEqualTo(new Scope("calendar", "email", "openid"));
        assertThat(in.tokens().getRefreshToken()).as("access_type=offline").isNotNull();
        Http.Response events = http.getWithToken("/calendar/v3/calendars/primary/events", access.getValue());
        assertThat(events.status()).as(events.toString()).isEqualTo(200);
    }

    @Test
    void codeCanBeRedeemedWithClientSecretPostToo() throws Exception {
        Signed in = signInAndRedeem(newPerson(), new Scope("openid", "calendar"), new ClientSecretPost(clientId, secret));
        new IDTokenValidator(op.getIssuer(), clientId, JWSAlgorithm.RS256, op.getJWKSetURI().toURL())
                .validate(in.tokens().getIDToken(), in.nonce());
    }

    @Test
    void personWhoSaysNoGivesAnErrorResponseWithStateAndIssuerThatTheSdkParses() throws Exception {
        String email = newPerson();
        State state = new State();
        AuthenticationRequest request = authenticationRequest(new Scope("openid", "calendar"), state, new Nonce(), new CodeVerifier());
        URI redirect = URI.create(browse(email, request.toURI(), "deny"));

        AuthorizationResponse parsed = AuthorizationResponse.parse(redirect);
        assertThat(parsed.indicatesSuccess()).as(redirect.toString()).isFalse();
        AuthorizationErrorResponse error = parsed.toErrorResponse();
        assertThat(error.getErrorObject()).isEqualTo(OAuth2Error.ACCESS_DENIED);
        assertThat(error.getState()).isEqualTo(state);
        assertThat(error.getIssuer()).as("RFC 9207 iss on error responses too").isEqualTo(issuer);

        AuthenticationResponse oidc = AuthenticationResponseParser.parse(redirect);
        assertThat(oidc).isInstanceOf(AuthenticationErrorResponse.class);
    }

    // ---------------------------------------------------------------- after the flow

    @Test
    void userInfoRequestParsesAndNamesThePersonOfTheIdToken() throws Exception {
        String email = newPerson();
        Signed in = signInAndRedeem(email, new Scope("openid", "email"), basic);
        IDTokenClaimsSet claims = new IDTokenValidator(op.getIssuer(), clientId, JWSAlgorithm.RS256, op.getJWKSetURI().toURL())
                .validate(in.tokens().getIDToken(), in.nonce());

        HTTPResponse response = send(new UserInfoRequest(op.getUserInfoEndpointURI(), in.tokens().getBearerAccessToken()).toHTTPRequest());
        UserInfoResponse parsed = UserInfoResponse.parse(response);
        assertThat(parsed.indicatesSuccess()).as(exchanges.toString()).isTrue();
        UserInfo info = parsed.toSuccessResponse().getUserInfo();
        assertThat(info.getSubject()).as("OIDC Core §5.3.2: sub equals the ID token's").isEqualTo(claims.getSubject());
        assertThat(info.getEmailAddress()).isEqualTo(email);
        assertThat(info.getEmailVerified()).isNotNull();
    }

    @Test
    void introspectionByTheClientParsesAsActiveWithTheGrantsDetails() throws Exception {
        Signed in = signInAndRedeem(newPerson(), new Scope("openid", "calendar"), basic);

        TokenIntrospectionSuccessResponse access = introspect(in.tokens().getAccessToken(), basic);
        assertThat(access.isActive()).as(exchanges.toString()).isTrue();
        assertThat(access.getClientID()).isEqualTo(clientId);
        assertThat(access.getScope()).isEqualTo(new Scope("calendar", "openid"));
        assertThat(access.getExpirationTime()).isAfter(new Date());
        if (access.getTokenType() != null) {
            assertThat(access.getTokenType()).isEqualTo(AccessTokenType.BEARER);
        }

        TokenIntrospectionSuccessResponse refresh = introspect(in.tokens().getRefreshToken(), basic);
        assertThat(refresh.isActive()).as(exchanges.toString()).isTrue();
        assertThat(refresh.getClientID()).isEqualTo(clientId);

        HTTPResponse refused = send(new TokenIntrospectionRequest(op.getIntrospectionEndpointURI(),
                new ClientSecretBasic(clientId, new Secret("tgs_wrong")), in.tokens().getAccessToken()).toHTTPRequest());
        TokenIntrospectionResponse parsedRefusal = TokenIntrospectionResponse.parse(refused);
        assertThat(parsedRefusal.indicatesSuccess()).as(exchanges.toString()).isFalse();
        assertThat(parsedRefusal.toErrorResponse().getErrorObject().getCode()).isEqualTo(OAuth2Error.INVALID_CLIENT.getCode());
        assertThat(parsedRefusal.toErrorResponse().getErrorObject().getHTTPStatusCode()).isEqualTo(401);
    }

    @Test
    void refreshThenRevocationWithClientSecretBasicEndsTheGrantAsTheSdkSeesIt() throws Exception {
        Signed in = signInAndRedeem(newPerson(), new Scope("openid", "calendar"), basic);
        RefreshToken refreshToken = in.tokens().getRefreshToken();

        TokenResponse refreshed = OIDCTokenResponseParser.parse(send(
                new TokenRequest.Builder(op.getTokenEndpointURI(), basic, new RefreshTokenGrant(refreshToken)).build().toHTTPRequest()));
        assertThat(refreshed.indicatesSuccess()).as(exchanges.toString()).isTrue();
        BearerAccessToken newAccess = refreshed.toSuccessResponse().getTokens().getBearerAccessToken();
        assertThat(http.getWithToken("/calendar/v3/calendars/primary/events", newAccess.getValue()).status()).isEqualTo(200);

        HTTPResponse revoked = send(new TokenRevocationRequest(op.getRevocationEndpointURI(), basic, refreshToken).toHTTPRequest());
        assertThat(revoked.getStatusCode()).as("RFC 7009 §2.2\n" + exchanges).isEqualTo(200);

        assertThat(introspect(newAccess, basic).isActive()).as(exchanges.toString()).isFalse();
        assertThat(introspect(refreshToken, basic).isActive()).as(exchanges.toString()).isFalse();
        TokenResponse again = OIDCTokenResponseParser.parse(send(
                new TokenRequest.Builder(op.getTokenEndpointURI(), basic, new RefreshTokenGrant(refreshToken)).build().toHTTPRequest()));
        assertThat(again.indicatesSuccess()).as(exchanges.toString()).isFalse();
        TokenErrorResponse error = again.toErrorResponse();
        assertThat(error.getErrorObject().getCode()).isEqualTo(OAuth2Error.INVALID_GRANT.getCode());
        assertThat(error.getErrorObject().getHTTPStatusCode()).isEqualTo(400);

        // RFC 7009 §2.2: an unknown or already revoked token is also answered with 200.
        HTTPResponse twice = send(new TokenRevocationRequest(op.getRevocationEndpointURI(), basic, refreshToken).toHTTPRequest());
        assertThat(twice.getStatusCode()).as(exchanges.toString()).isEqualTo(200);
    }

    @Test
    void tokenEndpointErrorsParseAsRfc6749ErrorsWithTheRightStatus() throws Exception {
        TokenResponse badCode = OIDCTokenResponseParser.parse(send(new TokenRequest.Builder(op.getTokenEndpointURI(), basic,
                new AuthorizationCodeGrant(new AuthorizationCode("tgc_nosuchcode"), REDIRECT, new CodeVerifier())).build().toHTTPRequest()));
        assertThat(badCode.indicatesSuccess()).isFalse();
        assertThat(badCode.toErrorResponse().getErrorObject().getCode()).as(exchanges.toString()).isEqualTo("invalid_grant");

        TokenResponse badClient = OIDCTokenResponseParser.parse(send(new TokenRequest.Builder(op.getTokenEndpointURI(),
                new ClientSecretBasic(clientId, new Secret("tgs_wrong")),
                new AuthorizationCodeGrant(new AuthorizationCode("tgc_nosuchcode"), REDIRECT, new CodeVerifier())).build().toHTTPRequest()));
        assertThat(badClient.toErrorResponse().getErrorObject().getCode()).as(exchanges.toString()).isEqualTo("invalid_client");
        assertThat(badClient.toErrorResponse().getErrorObject().getHTTPStatusCode()).isEqualTo(401);
    }

    // ---------------------------------------------------------------- service accounts (RFC 7523)

    @Test
    void serviceAccountGetsATokenWithTheSdksPrivateKeyJwtClientCredentials() throws Exception {
        KeyFiles.KeyFile keyFile = createServiceAccount(adminToken, project, "nimbus-" + UUID.randomUUID().toString().substring(0, 8));
        // The SDK's default client assertion (RFC 7523 §2.2, OIDC Core §9): iss = sub = client_id, aud, exp, jti; no iat (optional).
        ClientAuthentication privateKeyJwt = new PrivateKeyJWT(new ClientID(keyFile.clientId()), op.getTokenEndpointURI(),
                JWSAlgorithm.RS256, keyFile.privateKey(), keyFile.keyId(), null);

        TokenResponse parsed = TokenResponse.parse(send(new TokenRequest.Builder(op.getTokenEndpointURI(), privateKeyJwt,
                new ClientCredentialsGrant()).scope(new Scope("calendar")).build().toHTTPRequest()));
        assertThat(parsed.indicatesSuccess()).as(exchanges.toString()).isTrue();
        AccessTokenResponse success = parsed.toSuccessResponse();
        assertThat(success.getTokens().getRefreshToken()).as("RFC 6749 §4.4.3").isNull();
        BearerAccessToken access = success.getTokens().getBearerAccessToken();
        assertThat(access.getScope()).isEqualTo(new Scope("calendar"));
        Http.Response events = http.getWithToken("/calendar/v3/calendars/primary/events", access.getValue());
        assertThat(events.status()).as(events.toString()).isEqualTo(200);
    }

    @Test
    void serviceAccountGetsATokenWithTheSdksJwtBearerGrant() throws Exception {
        KeyFiles.KeyFile keyFile = createServiceAccount(adminToken, project, "nimbus-" + UUID.randomUUID().toString().substring(0, 8));
        // RFC 7523 §3 as the SDK builds it by default: iss, sub (the account itself), aud, exp, jti, and no iat, which
        // §3 item 7 makes optional ("MAY contain"); the scope goes as a request parameter.
        SignedJWT assertion = JWTAssertionFactory.create(new JWTAssertionDetails(new Issuer(keyFile.email()),
                new Subject(keyFile.email()), new Audience(op.getTokenEndpointURI())), JWSAlgorithm.RS256,
                keyFile.privateKey(), keyFile.keyId(), null, null, null);

        TokenResponse parsed = TokenResponse.parse(send(new TokenRequest.Builder(op.getTokenEndpointURI(),
                new JWTBearerGrant(assertion)).scope(new Scope("calendar")).build().toHTTPRequest()));
        assertThat(parsed.indicatesSuccess()).as(exchanges.toString()).isTrue();
        BearerAccessToken access = parsed.toSuccessResponse().getTokens().getBearerAccessToken();
        Http.Response events = http.getWithToken("/calendar/v3/calendars/primary/events", access.getValue());
        assertThat(events.status()).as(events.toString()).isEqualTo(200);
    }

    // ---------------------------------------------------------------- helpers

    private record Signed(OIDCTokenResponse response, Nonce nonce) {
        com.nimbusds.openid.connect.sdk.token.OIDCTokens tokens() {
            return response.getOIDCTokens();
        }
    }

    private AuthenticationRequest authenticationRequest(Scope scope, State state, Nonce nonce, CodeVerifier verifier) {
        return new AuthenticationRequest.Builder(ResponseType.CODE, scope, clientId, REDIRECT)
                .endpointURI(op.getAuthorizationEndpointURI())
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .customParameter("access_type", "offline")
                .build();
    }

    /** The whole flow as a relying party runs it; every step is checked the way the SDK's user should. */
    private Signed signInAndRedeem(String email, Scope scope, ClientAuthentication auth) throws Exception {
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        URI redirect = URI.create(browse(email, authenticationRequest(scope, state, nonce, verifier).toURI(), "allow"));

        AuthorizationResponse parsed = AuthorizationResponse.parse(redirect);
        assertThat(parsed.indicatesSuccess()).as(redirect.toString()).isTrue();
        AuthorizationSuccessResponse success = parsed.toSuccessResponse();
        assertThat(success.getRedirectionURI()).isEqualTo(REDIRECT);
        assertThat(success.getState()).as("state comes back unchanged").isEqualTo(state);
        assertThat(success.getIssuer()).as("RFC 9207 §2.4: iss equals the metadata's issuer").isEqualTo(op.getIssuer());
        assertThat(AuthenticationResponseParser.parse(redirect).indicatesSuccess()).isTrue();
        AuthorizationCode code = success.getAuthorizationCode();
        assertThat(code).isNotNull();

        HTTPResponse response = send(new TokenRequest.Builder(op.getTokenEndpointURI(), auth,
                new AuthorizationCodeGrant(code, REDIRECT, verifier)).build().toHTTPRequest());
        assertThat(response.getHeaderValue("Cache-Control")).isEqualTo("no-store");
        TokenResponse tokens = OIDCTokenResponseParser.parse(response);
        assertThat(tokens.indicatesSuccess()).as(exchanges.toString()).isTrue();
        assertThat(tokens).as("an ID token when openid was granted").isInstanceOf(OIDCTokenResponse.class);
        Tokens t = tokens.toSuccessResponse().getTokens();
        assertThat(t.getAccessToken().getType()).isEqualTo(AccessTokenType.BEARER);
        return new Signed((OIDCTokenResponse) tokens, nonce);
    }

    private TokenIntrospectionSuccessResponse introspect(com.nimbusds.oauth2.sdk.token.Token token, ClientAuthentication auth) throws Exception {
        TokenIntrospectionResponse parsed = TokenIntrospectionResponse.parse(send(
                new TokenIntrospectionRequest(op.getIntrospectionEndpointURI(), auth, token).toHTTPRequest()));
        assertThat(parsed.indicatesSuccess()).as(exchanges.toString()).isTrue();
        return parsed.toSuccessResponse();
    }

    /** The person's browser: from the authorization URL the SDK built to the redirect back to the client. */
    private String browse(String email, URI authorizationUri, String decision) {
        Browser browser = new Browser(issuer.getValue());
        Http.Response r = browser.get(authorizationUri.toString());
        if (r.status() == 302 && r.header("Location").startsWith("/signin")) {
            r = browser.signIn(r, email, PASSWORD);
        }
        r = browser.follow(r);
        if (r.status() == 200) {
            assertThat(r.body()).as("consent page").contains("Calendar Pal");
            r = browser.submit(r, 0, Map.of("decision", decision));
        }
        assertThat(r.status()).as(authorizationUri + "\n" + r).isIn(302, 303);
        String location = r.header("Location");
        assertThat(location).startsWith(REDIRECT.toString());
        return location;
    }

    private String newPerson() {
        String email = "nimbus-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Http.Response r = http.postJson("/admin/v1/users", adminToken, Map.of("email", email, "password", PASSWORD));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return email;
    }

    /** Sends with the SDK's own HTTP client and keeps the exchange for assertion messages. */
    private HTTPResponse send(HTTPRequest request) throws java.io.IOException {
        exchanges.append("> ").append(request.getMethod()).append(' ').append(request.getURI()).append('\n');
        request.getHeaderMap().forEach((k, v) -> exchanges.append("> ").append(k).append(": ").append(String.join(", ", v)).append('\n'));
        if (request.getBody() != null) {
            exchanges.append("> ").append(request.getBody()).append('\n');
        }
        HTTPResponse response = request.send();
        exchanges.append("< ").append(response.getStatusCode()).append(' ').append(response.getStatusMessage()).append('\n');
        response.getHeaderMap().forEach((k, v) -> exchanges.append("< ").append(k).append(": ").append(String.join(", ", v)).append('\n'));
        exchanges.append("< ").append(response.getBody()).append("\n\n");
        return response;
    }
}
