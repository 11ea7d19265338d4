package dev.tollgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.protocol.Scopes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Service-account key files, authorized_user files and application default credentials against a real token endpoint. */
class CredentialFilesTest {
    final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T10:00:00Z"));
    final CredentialOptions options = CredentialOptions.defaults().withClock(clock)
            .withBackoff(new Backoff(3, Duration.ofMillis(1), Duration.ofMillis(2)));
    final LocalServer server = new LocalServer();
    @TempDir Path dir;

    @AfterEach
    void stop() {
        server.close();
    }

    Path serviceAccountKeyFile() throws Exception {
        Path file = dir.resolve("key.json");
        Files.writeString(file, Json.write(Map.of("type", "service_account", "project_id", "p1", "private_key_id", "kid-1",
                "private_key", TestKeys.pem(TestKeys.PAIR), "client_email", "robot@p1.iam.tollgate", "client_id", "123",
                "token_uri", server.uri("/token").toString())));
        return file;
    }

    Path authorizedUserFile(String refreshToken) throws Exception {
        Path file = dir.resolve("adc.json");
        Files.writeString(file, Json.write(Map.of("type", "authorized_user", "client_id", "app.apps.tollgate", "client_secret", "s3cret",
                "refresh_token", refreshToken, "token_uri", server.uri("/token").toString())));
        return file;
    }

    @Test
    void serviceAccountSendsASignedJwtBearerAssertionForItsScopesAndSubject() throws Exception {
        server.route("/token", r -> LocalServer.Reply.json(200,
                "{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"scope\":\"posts\"}"));
        var credentials = ServiceAccountCredentials.fromFile(serviceAccountKeyFile(), Scopes.of("posts"), options).withSubject("ann@example.com");

        AccessToken token = credentials.accessToken();

        assertThat(token.value()).isEqualTo("at-1");
        assertThat(token.expiresAt()).isEqualTo(clock.instant().plusSeconds(3600));
        assertThat(token.scopes()).isEqualTo(Scopes.of("posts"));
        Map<String, String> form = server.requests("/token").get(0).form();
        assertThat(form).containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer").containsEntry("scope", "posts");
        String assertion = form.get("assertion");
        assertThat(TestKeys.header(assertion)).containsEntry("alg", "RS256").containsEntry("kid", "kid-1");
        Map<String, Object> claims = TestKeys.verify(TestKeys.PAIR, assertion);
        assertThat(claims).containsEntry("iss", "robot@p1.iam.tollgate").containsEntry("aud", server.uri("/token").toString())
                .containsEntry("scope", "posts").containsEntry("sub", "ann@example.com")
                .containsEntry("iat", (int) clock.instant().getEpochSecond()).containsEntry("exp", (int) clock.instant().getEpochSecond() + 3600);
    }

    @Test
    void serviceAccountAsksForAnIdTokenWithATargetAudienceAndNoScope() throws Exception {
        server.route("/token", r -> LocalServer.Reply.json(200, "{\"expires_in\":3600,\"id_token\":\"id.token.jwt\"}"));
        var credentials = ServiceAccountCredentials.fromFile(serviceAccountKeyFile(), Scopes.of("posts"), options);

        assertThat(credentials.idToken("https://api.example")).isEqualTo("id.token.jwt");

        Map<String, String> form = server.requests("/token").get(0).form();
        assertThat(form).containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer").doesNotContainKey("scope");
        assertThat(TestKeys.verify(TestKeys.PAIR, form.get("assertion"))).containsEntry("target_audience", "https://api.example")
                .containsEntry("iss", "robot@p1.iam.tollgate").doesNotContainKey("scope");
    }

    @Test
    void aServerThatGivesServiceAccountsNoIdTokenSaysWhy() throws Exception {
        server.route("/token", r -> LocalServer.Reply.json(400,
                "{\"error\":\"invalid_request\",\"error_description\":\"This server does not issue ID tokens for service accounts.\"}"));
        var credentials = ServiceAccountCredentials.fromFile(serviceAccountKeyFile(), Scopes.EMPTY, options);

        assertThatThrownBy(() -> credentials.idToken("https://api.example")).isInstanceOfSatisfying(TokenRequestException.class,
                e -> assertThat(e.error()).isEqualTo("invalid_request"));
    }

    @Test
    void keyFileOfAnotherTypeOrWithABrokenKeyIsRefusedNamingTheFile() throws Exception {
        Path user = authorizedUserFile("rt");
        assertThatThrownBy(() -> ServiceAccountCredentials.fromFile(user, Scopes.EMPTY, options))
                .isInstanceOf(CredentialsException.class).hasMessageContaining(user.toString()).hasMessageContaining("authorized_user");
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"type\":\"service_account\",\"client_email\":\"a@b\",\"token_uri\":\"http://x/token\",\"private_key\":\"nope\"}");
        assertThatThrownBy(() -> ServiceAccountCredentials.fromFile(broken, Scopes.EMPTY, options))
                .isInstanceOf(CredentialsException.class).hasMessageContaining("private_key");
        Path notJson = dir.resolve("not.json");
        Files.writeString(notJson, "type=service_account");
        assertThatThrownBy(() -> ServiceAccountCredentials.fromFile(notJson, Scopes.EMPTY, options))
                .isInstanceOf(CredentialsException.class).hasMessageContaining("not valid JSON");
    }

    @Test
    void authorizedUserRefreshesWithItsClientAndStoresARotatedRefreshToken() throws Exception {
        server.route("/token", r -> LocalServer.Reply.json(200,
                "{\"access_token\":\"at-2\",\"token_type\":\"Bearer\",\"expires_in\":600,\"refresh_token\":\"rt-new\",\"scope\":\"calendar\"}"));
        Path file = authorizedUserFile("rt-old");
        var credentials = UserCredentials.fromFile(file, null, options);

        assertThat(credentials.accessToken().value()).isEqualTo("at-2");

        assertThat(server.requests("/token").get(0).form()).containsEntry("grant_type", "refresh_token")
                .containsEntry("refresh_token", "rt-old").containsEntry("client_id", "app.apps.tollgate").containsEntry("client_secret", "s3cret");
        assertThat(credentials.refreshToken()).isEqualTo("rt-new");
        var written = Json.tree(Files.readString(file));
        assertThat(written.get("refresh_token").asText()).isEqualTo("rt-new");
        assertThat(written.get("type").asText()).isEqualTo("authorized_user");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void revokedRefreshTokenIsInvalidGrantAfterOneRequest() throws Exception {
        server.route("/token", r -> LocalServer.Reply.json(400,
                "{\"error\":\"invalid_grant\",\"error_description\":\"Token has been expired or revoked.\"}"));
        var credentials = UserCredentials.fromFile(authorizedUserFile("rt"), null, options);

        assertThatThrownBy(credentials::accessToken).isInstanceOfSatisfying(InvalidGrantException.class,
                e -> assertThat(e.description()).isEqualTo("Token has been expired or revoked."));
        assertThat(server.requests("/token")).hasSize(1);
    }

    @Test
    void serverErrorsOfTheTokenEndpointAreRetried() throws Exception {
        var calls = new AtomicInteger();
        server.route("/token", r -> calls.incrementAndGet() < 3
                ? new LocalServer.Reply(503, Map.of("Content-Type", "text/html"), "<h1>busy</h1>")
                : LocalServer.Reply.json(200, "{\"access_token\":\"at-3\",\"token_type\":\"Bearer\",\"expires_in\":600}"));
        var credentials = UserCredentials.fromFile(authorizedUserFile("rt"), null, options);

        assertThat(credentials.accessToken().value()).isEqualTo("at-3");
        assertThat(server.requests("/token")).hasSize(3);
    }

    @Test
    void applicationDefaultsPreferTollgatesVariableThenGooglesThenTheWellKnownFile() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path sa = serviceAccountKeyFile();
        Path user = authorizedUserFile("rt");
        Path wellKnown = home.resolve(".config/tollgate/application_default_credentials.json");
        Files.createDirectories(wellKnown.getParent());
        Files.copy(user, wellKnown);

        assertThat(ApplicationDefaultCredentials.of(Map.of("TOLLGATE_APPLICATION_CREDENTIALS", sa.toString(),
                "GOOGLE_APPLICATION_CREDENTIALS", user.toString()), home).locate()).isEqualTo(sa);
        assertThat(ApplicationDefaultCredentials.of(Map.of("GOOGLE_APPLICATION_CREDENTIALS", user.toString()), home).locate()).isEqualTo(user);
        assertThat(ApplicationDefaultCredentials.of(Map.of(), home).locate()).isEqualTo(wellKnown);

        assertThat(ApplicationDefaultCredentials.of(Map.of("TOLLGATE_APPLICATION_CREDENTIALS", sa.toString()), home)
                .get(Scopes.of("posts"), null, options)).isInstanceOf(ServiceAccountCredentials.class);
        assertThat(ApplicationDefaultCredentials.of(Map.of(), home).get(Scopes.EMPTY, null, options)).isInstanceOf(UserCredentials.class);
    }

    @Test
    void applicationDefaultsNotFoundListWhatWasLookedAt() {
        Path home = dir.resolve("empty-home");
        assertThatThrownBy(() -> ApplicationDefaultCredentials.of(Map.of(), home).locate())
                .isInstanceOf(CredentialsException.class)
                .hasMessageContaining("TOLLGATE_APPLICATION_CREDENTIALS is not set")
                .hasMessageContaining("GOOGLE_APPLICATION_CREDENTIALS is not set")
                .hasMessageContaining(home.resolve(".config/tollgate/application_default_credentials.json") + " does not exist")
                .hasMessageContaining("tollgate auth application-default login");
    }

    @Test
    void variableNamingAMissingFileIsAnErrorNotASilentFallback() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home2"));
        Path wellKnown = home.resolve(".config/tollgate/application_default_credentials.json");
        Files.createDirectories(wellKnown.getParent());
        Files.copy(authorizedUserFile("rt"), wellKnown);
        assertThatThrownBy(() -> ApplicationDefaultCredentials.of(Map.of("GOOGLE_APPLICATION_CREDENTIALS", "/nonexistent/key.json"), home).locate())
                .isInstanceOf(CredentialsException.class).hasMessageContaining("GOOGLE_APPLICATION_CREDENTIALS names /nonexistent/key.json");
    }

    @Test
    void authorizedUserFileWithoutTokenUriUsesTheGivenEndpoint() throws Exception {
        Path file = dir.resolve("google-style.json");
        Files.writeString(file, "{\"type\":\"authorized_user\",\"client_id\":\"c\",\"client_secret\":\"s\",\"refresh_token\":\"r\"}");
        assertThat(UserCredentials.fromFile(file, server.uri("/token"), options).tokenUri()).isEqualTo(server.uri("/token"));
        assertThatThrownBy(() -> UserCredentials.fromFile(file, null, options)).isInstanceOf(CredentialsException.class)
                .hasMessageContaining("no token_uri");
    }
}
