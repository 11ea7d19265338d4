package dev.tollgate.it;

import static dev.tollgate.it.ApiKeyGatewayTest.assertGoogleError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** People and OAuth 2.0: the authorization code flow end to end, with the browser's side over HTTP. */
class OAuthFlowTest extends EndToEnd {
    static final String WEB_REDIRECT = "https://app.example.com/callback";
    static final String NATIVE_REDIRECT = "http://127.0.0.1/callback";
    static final String PASSWORD = "correct horse battery";

    String project;
    OAuthClients.Registered web;
    OAuthClients.Registered installed;

    @BeforeAll
    void clientsAndApis() {
        project = createProject(adminToken);
        enable(adminToken, project, "calendar");
        enable(adminToken, project, "posts");
        http.patchJson("/admin/v1/projects/" + project + "/consentScreen", adminToken,
                Map.of("applicationName", "Calendar Pal", "supportEmail", "help@example.com"));
        web = OAuthClients.register(http, adminToken, project, "web", List.of(WEB_REDIRECT));
        installed = OAuthClients.register(http, adminToken, project, "installed", List.of(NATIVE_REDIRECT, "com.example.pal:/oauth"));
    }

    String newPerson() {
        String email = "p-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        // Vouched for by the administrator: roles granted to the address apply at once.
        Http.Response r = http.postJson("/admin/v1/users", adminToken, Map.of("email", email, "password", PASSWORD, "emailVerified", true));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return email;
    }

    /** Runs the browser through sign-in and consent; returns the final redirect to the client. */
    String authorize(Browser browser, String email, String url, boolean allow) {
        Http.Response r = browser.get(url);
        if (r.status() == 302 && r.header("Location").startsWith("/signin")) {
            r = browser.signIn(r, email, PASSWORD);
        }
        r = browser.follow(r);
        if (r.status() == 200) {
            assertThat(r.body()).as("consent page").contains("Calendar Pal");
            r = browser.submit(r, 0, Map.of("decision", allow ? "allow" : "deny"));
        }
        assertThat(r.status()).as(r.toString()).isIn(302, 303);
        return r.header("Location");
    }

    @Test
    void webApplicationGetsCodeThenTokensThenCallsTheApiAsThePerson() throws Exception {
        String email = newPerson();
        Browser browser = new Browser(server.baseUrl());
        String verifier = OAuthClients.verifier();
        String location = authorize(browser, email, OAuthClients.authUrl(web, WEB_REDIRECT, "openid email calendar", "xyz", verifier,
                Map.of("access_type", "offline", "nonce", "n-0S6")), true);
        assertThat(location).startsWith(WEB_REDIRECT + "?");
        Map<String, String> q = OAuthClients.query(location);
        assertThat(q.get("state")).isEqualTo("xyz");
        assertThat(q.get("iss")).isEqualTo(adminKey.tokenUri().replace("/token", ""));

        Http.Response tokens = OAuthClients.redeem(http, web, q.get("code"), WEB_REDIRECT, verifier, true);
        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
        assertThat(tokens.header("Cache-Control")).isEqualTo("no-store");
        JsonNode t = tokens.json();
        assertThat(t.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(t.get("expires_in").asInt()).isBetween(3500, 3599);
        assertThat(t.get("refresh_token").asText()).startsWith("tgr_");
        assertThat(t.get("scope").asText()).isEqualTo("calendar email openid");

        SignedJWT idToken = SignedJWT.parse(t.get("id_token").asText());
        JWKSet jwks = JWKSet.parse(http.get("/oauth2/v3/certs").body());
        RSAKey key = (RSAKey) jwks.getKeyByKeyId(idToken.getHeader().getKeyID());
        assertThat(idToken.verify(new RSASSAVerifier(key))).isTrue();
        assertThat(idToken.getJWTClaimsSet().getAudience()).containsExactly(web.clientId());
        assertThat(idToken.getJWTClaimsSet().getStringClaim("azp")).isEqualTo(web.clientId());
        assertThat(idToken.getJWTClaimsSet().getStringClaim("nonce")).isEqualTo("n-0S6");
        assertThat(idToken.getJWTClaimsSet().getStringClaim("email")).isEqualTo(email);
        assertThat(idToken.getJWTClaimsSet().getClaim("auth_time")).isNotNull();

        String access = t.get("access_token").asText();
        Http.Response created = http.postJson("/calendar/v3/calendars/primary/events", access,
                Map.of("summary", "lunch", "start", "2026-12-01T12:00:00Z", "end", "2026-12-01T13:00:00Z"));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(http.getWithToken("/calendar/v3/calendars/primary/events", access).json().get("items"))
                .extracting(n -> n.get("summary").asText()).containsExactly("lunch");

        Http.Response userinfo = http.getWithToken("/v1/userinfo", access);
        assertThat(userinfo.json().get("email").asText()).isEqualTo(email);
        assertThat(userinfo.json().get("sub").asText()).isEqualTo(idToken.getJWTClaimsSet().getSubject());

        Http.Response info = http.get("/tokeninfo?access_token=" + access);
        assertThat(info.json().get("aud").asText()).isEqualTo(web.clientId());
        assertThat(info.json().get("scope").asText()).isEqualTo("calendar email openid");
        assertThat(info.json().get("email").asText()).isEqualTo(email);
        assertThat(info.json().get("access_type").asText()).isEqualTo("offline");

        Http.Response refreshed = OAuthClients.refresh(http, web, t.get("refresh_token").asText(), "calendar");
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        assertThat(refreshed.json().get("scope").asText()).isEqualTo("calendar");
        assertThat(refreshed.json().has("refresh_token")).isFalse();
        assertThat(http.getWithToken("/calendar/v3/calendars/primary/events", refreshed.json().get("access_token").asText()).status()).isEqualTo(200);

        Http.Response wider = OAuthClients.refresh(http, web, t.get("refresh_token").asText(), "calendar posts");
        assertThat(wider.status()).isEqualTo(400);
        assertThat(wider.json().get("error").asText()).isEqualTo("invalid_scope");
    }

    @Test
    void secondAuthorizationWithGrantedScopesSkipsConsent() {
        String email = newPerson();
        Browser browser = new Browser(server.baseUrl());
        authorize(browser, email, OAuthClients.authUrl(web, WEB_REDIRECT, "calendar.readonly", "a", null, Map.of()), true);
        Http.Response again = browser.get(OAuthClients.authUrl(web, WEB_REDIRECT, "calendar.readonly", "b", null, Map.of()));
        assertThat(again.status()).isEqualTo(302);
        assertThat(again.header("Location")).startsWith(WEB_REDIRECT + "?code=");
        Http.Response forced = browser.get(OAuthClients.authUrl(web, WEB_REDIRECT, "calendar.readonly", "c", null, Map.of("prompt", "consent")));
        assertThat(forced.status()).isEqualTo(200);
        assertThat(forced.body()).contains("See and download any calendar you can access");
    }

    @Test
    void incrementalAuthorizationAddsToWhatWasGranted() {
        String email = newPerson();
        Browser browser = new Browser(server.baseUrl());
        authorize(browser, email, OAuthClients.authUrl(web, WEB_REDIRECT, "calendar.readonly", "a", null, Map.of()), true);
        Http.Response consent = browser.get(OAuthClients.authUrl(web, WEB_REDIRECT, "posts", "b", null, Map.of("include_granted_scopes", "true")));
        assertThat(consent.status()).isEqualTo(200);
        assertThat(consent.body()).contains("See, edit, create and delete your posts").contains("You have already allowed it to");
        String location = browser.submit(consent, 0, Map.of("decision", "allow")).header("Location");
        Http.Response tokens = OAuthClients.redeem(http, web, OAuthClients.query(location).get("code"), WEB_REDIRECT, null, false);
        assertThat(tokens.json().get("scope").asText()).isEqualTo("calendar.readonly posts");
    }

    @Test
    void personSaysNoThenAccessDeniedWithStateAndIssuer() {
        String location = authorize(new Browser(server.baseUrl()), newPerson(),
                OAuthClients.authUrl(web, WEB_REDIRECT, "calendar", "st4te", null, Map.of()), false);
        Map<String, String> q = OAuthClients.query(location);
        assertThat(q.get("error")).isEqualTo("access_denied");
        assertThat(q.get("state")).isEqualTo("st4te");
        assertThat(q.get("iss")).isNotBlank();
        assertThat(q).doesNotContainKey("code");
    }

    @Test
    void unregisteredRedirectUriShowsAnErrorPageAndNeverRedirects() {
        Browser browser = new Browser(server.baseUrl());
        for (String bad : List.of("https://app.example.com/callback/", "https://APP.example.com/callback", "https://app.example.com/callback#x",
                "https://app.example.com/callback?x=1", "https://evil.example.com/callback", "https://app.example.com:8443/callback",
                "https://user@app.example.com/callback", "https://app.example.com/callback/../evil", "https://app.example.com/%63allback",
                "http://app.example.com/callback", "https://app.example.com.evil.com/callback")) {
            Http.Response r = browser.get(OAuthClients.authUrl(web, bad, "calendar", "s", null, Map.of()));
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.header("Location")).as(bad).isNull();
            assertThat(r.body()).contains("redirect_uri_mismatch");
            assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
        }
    }

    @Test
    void unknownClientShowsAnErrorPage() {
        Http.Response r = new Browser(server.baseUrl()).get("/o/oauth2/v2/auth?client_id=nope&redirect_uri=" + WEB_REDIRECT + "&response_type=code&scope=calendar");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Location")).isNull();
        assertThat(r.body()).contains("invalid_client");
    }

    @Test
    void malformedRequestsShowAnErrorPageInsteadOfGoingBackToTheClient() {
        Browser browser = new Browser(server.baseUrl());
        Http.Response r = browser.get(OAuthClients.authUrl(web, WEB_REDIRECT, "calendar", "s1", null, Map.of("response_type", "token")));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Location")).isNull();
        assertThat(r.body()).contains("unsupported_response_type");
        r = browser.get(OAuthClients.authUrl(web, WEB_REDIRECT, "nosuchscope", "s2", null, Map.of()));
        assertThat(r.header("Location")).isNull();
        assertThat(r.body()).contains("invalid_scope");
        r = browser.get(OAuthClients.authUrl(web, WEB_REDIRECT, "calendar", "s3", null, Map.of("code_challenge", "abc", "code_challenge_method", "plain")));
        assertThat(r.header("Location")).isNull();
        assertThat(r.body()).contains("invalid_request");
    }

    @Test
    void promptNoneWithoutSessionThenLoginRequiredAndWithoutConsentThenConsentRequired() {
        Browser browser = new Browser(server.baseUrl());
        Map<String, String> q = OAuthClients.query(browser.get(OAuthClients.authUrl(web, WEB_REDIRECT, "calendar", "n1", null,
                Map.of("prompt", "none"))).header("Location"));
        assertThat(q.get("error")).isEqualTo("login_required");
        String email = newPerson();
        authorize(browser, email, OAuthClients.authUrl(web, WEB_REDIRECT, "calendar.readonly", "n2", null, Map.of()), true);
        q = OAuthClients.query(browser.get(OAuthClients.authUrl(web, WEB_REDIRECT, "posts", "n3", null, Map.of("prompt", "none"))).header("Location"));
        assertThat(q.get("error")).isEqualTo("consent_required");
        q = OAuthClients.query(browser.get(OAuthClients.authUrl(web, WEB_REDIRECT, "calendar.readonly", "n4", null, Map.of("prompt", "none"))).header("Location"));
        assertThat(q.get("code")).isNotBlank();
    }

    @Test
    void replayedCodeIsRefusedAndTheTokensFromItAreRevoked() {
        String location = authorize(new Browser(server.baseUrl()), newPerson(),
                OAuthClients.authUrl(web, WEB_REDIRECT, "calendar", "r", null, Map.of("access_type", "offline")), true);
        String code = OAuthClients.query(location).get("code");
        Http.Response first = OAuthClients.redeem(http, web, code, WEB_REDIRECT, null, true);
        assertThat(first.status()).isEqualTo(200);
        String access = first.json().get("access_token").asText();
        assertThat(http.getWithToken("/calendar/v3/calendars/primary/events", access).status()).isEqualTo(200);
        Http.Response replay = OAuthClients.redeem(http, web, code, WEB_REDIRECT, null, true);
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.json().get("error").asText()).isEqualTo("invalid_grant");
        assertGoogleError(http.getWithToken("/calendar/v3/calendars/primary/events", access), 401, "UNAUTHENTICATED", "ACCESS_TOKEN_INVALID");
        assertThat(OAuthClients.refresh(http, web, first.json().get("refresh_token").asText(), null).status()).isEqualTo(400);
    }

    @Test
    void codeIsBoundToClientRedirectUriAndVerifier() {
        String verifier = OAuthClients.verifier();
        String location = authorize(new Browser(server.baseUrl()), newPerson(),
                OAuthClients.authUrl(installed, "http://127.0.0.1:53682/callback", "calendar", "p", verifier, Map.of()), true);
        assertThat(location).startsWith("http://127.0.0.1:53682/callback?");
        String code = OAuthClients.query(location).get("code");
        Http.Response wrongVerifier = OAuthClients.redeem(http, installed, code, "http://127.0.0.1:53682/callback", OAuthClients.verifier(), false);
        assertThat(wrongVerifier.json().get("error").asText()).isEqualTo("invalid_grant");

        String location2 = authorize(new Browser(server.baseUrl()), newPerson(),
                OAuthClients.authUrl(installed, "http://127.0.0.1:40000/callback", "calendar", "p", verifier, Map.of()), true);
        String code2 = OAuthClients.query(location2).get("code");
        assertThat(OAuthClients.redeem(http, installed, code2, "http://127.0.0.1:40001/callback", verifier, false).json().get("error").asText())
                .isEqualTo("invalid_grant");
    }

    @Test
    void installedApplicationMustUsePkce() {
        Http.Response r = new Browser(server.baseUrl()).get(OAuthClients.authUrl(installed, NATIVE_REDIRECT, "calendar", "s", null, Map.of()));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Location")).isNull();
        assertThat(r.body()).contains("invalid_request").contains("PKCE");
    }

    @Test
    void installedApplicationRefreshTokensRotateAndReuseRevokesTheFamily() {
        String verifier = OAuthClients.verifier();
        String location = authorize(new Browser(server.baseUrl()), newPerson(),
                OAuthClients.authUrl(installed, NATIVE_REDIRECT, "calendar", "s", verifier, Map.of("access_type", "offline")), true);
        JsonNode first = OAuthClients.redeem(http, installed, OAuthClients.query(location).get("code"), NATIVE_REDIRECT, verifier, false).json();
        String r1 = first.get("refresh_token").asText();
        JsonNode second = OAuthClients.refresh(http, installed, r1, null).json();
        String r2 = second.get("refresh_token").asText();
        assertThat(r2).isNotEqualTo(r1);
        String access2 = second.get("access_token").asText();
        assertThat(http.getWithToken("/calendar/v3/calendars/primary/events", access2).status()).isEqualTo(200);

        Http.Response reuse = OAuthClients.refresh(http, installed, r1, null);
        assertThat(reuse.json().get("error").asText()).isEqualTo("invalid_grant");
        assertThat(OAuthClients.refresh(http, installed, r2, null).json().get("error").asText()).isEqualTo("invalid_grant");
        assertThat(http.getWithToken("/calendar/v3/calendars/primary/events", access2).status()).isEqualTo(401);
    }

    @Test
    void wrongClientSecretWithBasicThen401WithChallenge() {
        var wrong = new OAuthClients.Registered(web.clientId(), "tgs_wrong", "web", web.redirectUris(), web.created());
        Http.Response r = OAuthClients.redeem(http, wrong, "tgc_x", WEB_REDIRECT, null, true);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("error").asText()).isEqualTo("invalid_client");
        assertThat(r.header("WWW-Authenticate")).startsWith("Basic");
    }

    @Test
    void revokingTheRefreshTokenEndsItsAccessTokens() {
        String location = authorize(new Browser(server.baseUrl()), newPerson(),
                OAuthClients.authUrl(web, WEB_REDIRECT, "calendar", "s", null, Map.of("access_type", "offline")), true);
        JsonNode t = OAuthClients.redeem(http, web, OAuthClients.query(location).get("code"), WEB_REDIRECT, null, true).json();
        String access = OAuthClients.refresh(http, web, t.get("refresh_token").asText(), null).json().get("access_token").asText();
        assertThat(http.postForm("/revoke", Map.of("token", t.get("refresh_token").asText())).status()).isEqualTo(200);
        assertThat(http.getWithToken("/calendar/v3/calendars/primary/events", access).status()).isEqualTo(401);
        assertThat(OAuthClients.refresh(http, web, t.get("refresh_token").asText(), null).json().get("error").asText()).isEqualTo("invalid_grant");
        assertThat(http.postForm("/revoke", Map.of("token", "tga_unknown")).status()).isEqualTo(200);
    }

    @Test
    void revokingAnAccessTokenEndsItsRefreshTokenToo() {
        String location = authorize(new Browser(server.baseUrl()), newPerson(),
                OAuthClients.authUrl(web, WEB_REDIRECT, "calendar", "s", null, Map.of("access_type", "offline")), true);
        JsonNode t = OAuthClients.redeem(http, web, OAuthClients.query(location).get("code"), WEB_REDIRECT, null, true).json();
        assertThat(http.postForm("/revoke", Map.of("token", t.get("access_token").asText())).status()).isEqualTo(200);
        assertThat(http.getWithToken("/calendar/v3/calendars/primary/events", t.get("access_token").asText()).status()).isEqualTo(401);
        assertThat(OAuthClients.refresh(http, web, t.get("refresh_token").asText(), null).json().get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void introspectionAnswersOnlyTheClientThatOwnsTheToken() {
        String location = authorize(new Browser(server.baseUrl()), newPerson(),
                OAuthClients.authUrl(web, WEB_REDIRECT, "calendar", "s", null, Map.of()), true);
        String access = OAuthClients.redeem(http, web, OAuthClients.query(location).get("code"), WEB_REDIRECT, null, true).json()
                .get("access_token").asText();
        JsonNode mine = http.postForm("/introspect", Map.of("token", access), "Authorization", web.basic()).json();
        assertThat(mine.get("active").asBoolean()).isTrue();
        assertThat(mine.get("client_id").asText()).isEqualTo(web.clientId());
        var other = OAuthClients.register(http, adminToken, project, "web", List.of("https://other.example.com/cb"));
        assertThat(http.postForm("/introspect", Map.of("token", access), "Authorization", other.basic()).json().get("active").asBoolean()).isFalse();
        assertThat(http.postForm("/introspect", Map.of("token", access)).status()).isEqualTo(401);
    }

    @Test
    void removingTheAppOnThePermissionsPageEndsItsTokensAtOnce() {
        String email = newPerson();
        Browser browser = new Browser(server.baseUrl());
        String location = authorize(browser, email, OAuthClients.authUrl(web, WEB_REDIRECT, "calendar", "s", null, Map.of("access_type", "offline")), true);
        JsonNode t = OAuthClients.redeem(http, web, OAuthClients.query(location).get("code"), WEB_REDIRECT, null, true).json();
        String access = t.get("access_token").asText();
        assertThat(http.getWithToken("/calendar/v3/calendars/primary/events", access).status()).isEqualTo(200);

        Http.Response page = browser.get("/account/permissions");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Calendar Pal").contains(project)
                .contains("See, edit, share and permanently delete all the calendars you can access");
        Http.Response removed = browser.follow(browser.submit(page, 0, Map.of("client_id", web.clientId())));
        assertThat(removed.body()).contains("Access removed").doesNotContain("Remove access for Calendar Pal");

        assertGoogleError(http.getWithToken("/calendar/v3/calendars/primary/events", access), 401, "UNAUTHENTICATED", "ACCESS_TOKEN_INVALID");
        assertThat(OAuthClients.refresh(http, web, t.get("refresh_token").asText(), null).json().get("error").asText()).isEqualTo("invalid_grant");
        assertThat(browser.get(OAuthClients.authUrl(web, WEB_REDIRECT, "calendar", "again", null, Map.of())).status()).isEqualTo(200);
    }

    @Test
    void discoveryListsWhatIsSupported() {
        for (String path : List.of("/.well-known/openid-configuration", "/.well-known/oauth-authorization-server")) {
            JsonNode doc = http.get(path).json();
            assertThat(doc.get("issuer").asText()).isEqualTo(adminKey.tokenUri().replace("/token", ""));
            assertThat(doc.get("response_types_supported")).extracting(JsonNode::asText).containsExactly("code");
            assertThat(doc.get("code_challenge_methods_supported")).extracting(JsonNode::asText).containsExactly("S256");
            assertThat(doc.get("authorization_response_iss_parameter_supported").asBoolean()).isTrue();
            assertThat(doc.get("scopes_supported")).extracting(JsonNode::asText).contains("openid", "email", "calendar", "posts");
        }
    }

    @Test
    void adminApiAcceptsAPersonsTokenWithTheirRoles() {
        String email = newPerson();
        String location = authorize(new Browser(server.baseUrl()), email,
                OAuthClients.authUrl(web, WEB_REDIRECT, "admin", "s", null, Map.of()), true);
        String token = OAuthClients.redeem(http, web, OAuthClients.query(location).get("code"), WEB_REDIRECT, null, true).json()
                .get("access_token").asText();
        assertThat(http.getWithToken("/admin/v1/projects/" + project, token).status()).isEqualTo(403);
        String mine = uniqueProjectId();
        assertThat(http.postJson("/admin/v1/projects", token, Map.of("projectId", mine)).status()).isEqualTo(200);
        JsonNode members = http.getWithToken("/admin/v1/projects/" + mine + "/members", token).json().get("members");
        assertThat(members.get(0).get("member").asText()).isEqualTo("user:" + email);
    }
}
