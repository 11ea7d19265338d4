package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The token endpoint's service-account grants: RFC 7523 §2.1 (jwt-bearer) and §2.2 (private_key_jwt). */
class ServiceAccountGrantTest extends EndToEnd {
    private static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private Http.Response exchange(String assertion) {
        return http.postForm("/token", Map.of("grant_type", JWT_BEARER, "assertion", assertion));
    }

    private Http.Response exchangeWith(Consumer<JWTClaimsSet.Builder> edit) {
        return exchange(adminKey.assertion("posts", edit));
    }

    private static void assertOAuthError(Http.Response r, int status, String error) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.json().path("error").asText()).as(r.toString()).isEqualTo(error);
        assertThat(r.json().path("error_description").asText()).isNotBlank();
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void jwtBearerWithValidAssertionThenOpaqueBearerTokenForOneHour() {
        Http.Response r = exchangeWith(c -> { });
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        assertThat(r.json().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(r.json().get("expires_in").asLong()).isBetween(3590L, 3599L);
        assertThat(r.json().get("scope").asText()).isEqualTo("posts");
        assertThat(r.json().get("access_token").asText()).matches("tga_[0-9A-Za-z_-]{100,600}[0-9A-Za-z]{6}");
        assertThat(r.json().has("refresh_token")).isFalse();
    }

    @Test
    void jwtBearerWhenAudienceIsAnotherServerThenInvalidGrant() {
        assertOAuthError(exchangeWith(c -> c.audience("https://login.example.net/token")), 400, "invalid_grant");
    }

    @Test
    void jwtBearerWithAudienceListContainingOursThenAccepted() {
        assertThat(exchangeWith(c -> c.audience(java.util.List.of("https://login.example.net/token", adminKey.tokenUri()))).status()).isEqualTo(200);
    }

    @Test
    void jwtBearerWithGooglesAudienceIsAcceptedOnlyForKeysTollgateGenerated() throws Exception {
        // Google's client libraries put Google's token URI in aud whatever the key file says.
        assertThat(exchangeWith(c -> c.audience("https://oauth2.googleapis.com/token")).status()).isEqualTo(200);

        String project = createProject(adminToken);
        String email = http.postJson("/admin/v1/projects/" + project + "/serviceAccounts", adminToken, Map.of("accountId", "uploaded-key"))
                .json().get("email").asText();
        var generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var pair = generator.generateKeyPair();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + java.util.Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        String kid = http.postJson("/admin/v1/projects/" + project + "/serviceAccounts/" + email + "/keys:upload", adminToken,
                Map.of("publicKeyData", java.util.Base64.getEncoder().encodeToString(pem.getBytes()))).json().get("keyId").asText();
        var claims = new JWTClaimsSet.Builder().issuer(email).audience("https://oauth2.googleapis.com/token").claim("scope", "posts")
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600))).build();
        var jwt = new com.nimbusds.jwt.SignedJWT(new com.nimbusds.jose.JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.RS256).keyID(kid).build(), claims);
        jwt.sign(new com.nimbusds.jose.crypto.RSASSASigner(pair.getPrivate()));
        // A key the owner also uses at Google: an assertion meant for Google must not work here.
        assertOAuthError(exchange(jwt.serialize()), 400, "invalid_grant");
    }

    @Test
    void jwtBearerWithoutIatButShortLivedThenAccepted() {
        assertThat(exchangeWith(c -> c.issueTime(null).expirationTime(Date.from(Instant.now().plusSeconds(600)))).status()).isEqualTo(200);
        assertOAuthError(exchangeWith(c -> c.issueTime(null).expirationTime(Date.from(Instant.now().plusSeconds(7200)))), 400, "invalid_grant");
    }

    @Test
    void jwtBearerWithoutKidIsVerifiedWithTheIssuersKeys() {
        var claims = new JWTClaimsSet.Builder().issuer(adminKey.email()).audience(adminKey.tokenUri()).claim("scope", "posts")
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600))).build();
        assertThat(exchange(adminKey.sign(claims, null)).status()).isEqualTo(200);
    }

    @Test
    void jwtBearerWhenExpiredThenInvalidGrant() {
        Instant past = Instant.now().minusSeconds(7200);
        assertOAuthError(exchangeWith(c -> c.issueTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(3600)))), 400, "invalid_grant");
    }

    @Test
    void jwtBearerWhenLifetimeLongerThanOneHourThenInvalidGrant() {
        Instant now = Instant.now();
        assertOAuthError(exchangeWith(c -> c.issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(3601 + 120)))), 400, "invalid_grant");
    }

    @Test
    void jwtBearerWhenIssuedInTheFutureBeyondSkewThenInvalidGrant() {
        Instant later = Instant.now().plusSeconds(600);
        assertOAuthError(exchangeWith(c -> c.issueTime(Date.from(later)).expirationTime(Date.from(later.plusSeconds(600)))), 400, "invalid_grant");
    }

    @Test
    void jwtBearerWithinClockSkewThenAccepted() {
        Instant slightlyAhead = Instant.now().plusSeconds(30);
        Http.Response r = exchangeWith(c -> c.issueTime(Date.from(slightlyAhead)).expirationTime(Date.from(slightlyAhead.plusSeconds(3600))));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    @Test
    void jwtBearerWhenIssuerIsAnotherAccountThenInvalidGrant() {
        assertOAuthError(exchangeWith(c -> c.issuer("someone@tollgate.iam")), 400, "invalid_grant");
    }

    @Test
    void jwtBearerWhenSubjectIsAnotherUserThenUnauthorizedClient() {
        assertOAuthError(exchangeWith(c -> c.subject("user@example.com")), 400, "unauthorized_client");
    }

    @Test
    void jwtBearerWhenSignedByAnotherKeyThenInvalidGrant() throws Exception {
        String project = createProject(adminToken);
        KeyFiles.KeyFile other = createServiceAccount(adminToken, project, "other-robot");
        // Signed by another account's private key but naming the admin key's kid.
        var claims = new JWTClaimsSet.Builder().issuer(adminKey.email()).audience(adminKey.tokenUri()).claim("scope", "posts")
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600))).build();
        assertOAuthError(exchange(other.sign(claims, adminKey.keyId())), 400, "invalid_grant");
    }

    @Test
    void jwtBearerWhenKidUnknownThenInvalidGrant() {
        var claims = new JWTClaimsSet.Builder().issuer(adminKey.email()).audience(adminKey.tokenUri()).claim("scope", "posts")
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600))).build();
        assertOAuthError(exchange(adminKey.sign(claims, "0000000000000000000000000000000000000000")), 400, "invalid_grant");
    }

    @Test
    void jwtBearerWhenScopeUnknownThenInvalidScope() {
        assertOAuthError(exchange(adminKey.assertion("posts https://www.googleapis.com/auth/drive", c -> { })), 400, "invalid_scope");
    }

    @Test
    void jwtBearerWhenScopeMissingThenInvalidScope() {
        assertOAuthError(exchange(adminKey.assertion("posts", c -> c.claim("scope", null))), 400, "invalid_scope");
    }

    @Test
    void jwtBearerWhenAssertionIsNotAJwtThenInvalidGrant() {
        assertOAuthError(exchange("not.a.jwt"), 400, "invalid_grant");
        assertOAuthError(exchange("eyJhbGciOiJub25lIn0.eyJpc3MiOiJhZG1pbkB0b2xsZ2F0ZS5pYW0ifQ."), 400, "invalid_grant");
    }

    @Test
    void jwtBearerWhenKeyDisabledThenInvalidGrantAndWhenEnabledAgainThenAccepted() throws Exception {
        String project = createProject(adminToken);
        KeyFiles.KeyFile robot = createServiceAccount(adminToken, project, "robot-disable");
        String keyPath = "/admin/v1/projects/" + project + "/serviceAccounts/" + robot.email() + "/keys/" + robot.keyId();
        assertThat(http.postJson(keyPath + ":disable", adminToken, "").json().get("disabled").asBoolean()).isTrue();
        assertOAuthError(exchange(robot.assertion("posts", c -> { })), 400, "invalid_grant");
        assertThat(http.postJson(keyPath + ":enable", adminToken, "").status()).isEqualTo(200);
        assertThat(exchange(robot.assertion("posts", c -> { })).status()).isEqualTo(200);
    }

    @Test
    void jwtBearerWhenKeyDeletedThenInvalidGrant() throws Exception {
        String project = createProject(adminToken);
        KeyFiles.KeyFile robot = createServiceAccount(adminToken, project, "robot-delete");
        String keyPath = "/admin/v1/projects/" + project + "/serviceAccounts/" + robot.email() + "/keys/" + robot.keyId();
        assertThat(http.delete(keyPath, adminToken).status()).isEqualTo(200);
        assertOAuthError(exchange(robot.assertion("posts", c -> { })), 400, "invalid_grant");
    }

    @Test
    void clientCredentialsWithPrivateKeyJwtThenAccessToken() {
        var claims = new JWTClaimsSet.Builder().issuer(adminKey.clientId()).subject(adminKey.clientId())
                .audience(adminKey.tokenUri()).jwtID(java.util.UUID.randomUUID().toString())
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300))).build();
        Http.Response r = http.postForm("/token", Map.of("grant_type", "client_credentials", "scope", "posts calendar",
                "client_id", adminKey.clientId(),
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion", adminKey.sign(claims, adminKey.keyId())));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("scope").asText()).isEqualTo("calendar posts");
    }

    @Test
    void clientCredentialsWhenAssertionNamesAnotherClientThenInvalidClient() {
        var claims = new JWTClaimsSet.Builder().issuer(adminKey.clientId()).subject("123")
                .audience(adminKey.tokenUri()).issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300))).build();
        Http.Response r = http.postForm("/token", Map.of("grant_type", "client_credentials", "scope", "posts",
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion", adminKey.sign(claims, adminKey.keyId())));
        assertOAuthError(r, 401, "invalid_client");
    }

    @Test
    void clientCredentialsWithoutClientAuthenticationThenInvalidClient() {
        assertOAuthError(http.postForm("/token", Map.of("grant_type", "client_credentials", "scope", "posts")), 401, "invalid_client");
    }

    @Test
    void unsupportedGrantTypeThenUnsupportedGrantType() {
        assertOAuthError(http.postForm("/token", Map.of("grant_type", "password", "username", "a", "password", "b")), 400, "unsupported_grant_type");
    }

    @Test
    void missingGrantTypeThenInvalidRequest() {
        assertOAuthError(http.postForm("/token", Map.of("assertion", "x")), 400, "invalid_request");
    }

    @Test
    void duplicatedParameterThenInvalidRequest() {
        String body = "grant_type=" + JWT_BEARER + "&assertion=a&assertion=b";
        Http.Response r = http.send(http.request("/token").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)));
        assertOAuthError(r, 400, "invalid_request");
    }

    @Test
    void jsonBodyThenInvalidRequest() {
        var form = new LinkedHashMap<String, String>();
        form.put("grant_type", JWT_BEARER);
        Http.Response r = http.send(http.request("/token").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Http.write(form))));
        assertOAuthError(r, 400, "invalid_request");
    }

    @Test
    void parametersInQueryStringThenInvalidRequest() {
        Http.Response r = http.send(http.request("/token?grant_type=" + JWT_BEARER).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("assertion=x")));
        assertOAuthError(r, 400, "invalid_request");
    }

    @Test
    void tokenFromDisabledServiceAccountStopsWorkingAtOnce() throws Exception {
        String project = createProject(adminToken);
        enable(adminToken, project, "calendar");
        KeyFiles.KeyFile robot = createServiceAccount(adminToken, project, "robot-revoked");
        String token = robot.accessToken(http, "calendar");
        assertThat(http.getWithToken("/calendar/v3/calendars/primary/events", token).status()).isEqualTo(200);
        assertThat(http.postJson("/admin/v1/projects/" + project + "/serviceAccounts/" + robot.email() + ":disable", adminToken, "").status()).isEqualTo(200);
        Http.Response after = http.getWithToken("/calendar/v3/calendars/primary/events", token);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.reason()).isEqualTo("ACCESS_TOKEN_INVALID");
        assertOAuthError(exchange(robot.assertion("calendar", c -> { })), 400, "invalid_grant");
    }
}
