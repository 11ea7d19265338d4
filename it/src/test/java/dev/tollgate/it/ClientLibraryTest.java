package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.client.AccessToken;
import dev.tollgate.client.ApiErrorException;
import dev.tollgate.client.ApiKey;
import dev.tollgate.client.ApiResponse;
import dev.tollgate.client.ApplicationDefaultCredentials;
import dev.tollgate.client.CredentialOptions;
import dev.tollgate.client.Credentials;
import dev.tollgate.client.DeviceFlow;
import dev.tollgate.client.IdToken;
import dev.tollgate.client.InstalledAppFlow;
import dev.tollgate.client.InvalidGrantException;
import dev.tollgate.client.OAuth2Credentials;
import dev.tollgate.client.OAuthService;
import dev.tollgate.client.ServiceAccountCredentials;
import dev.tollgate.client.TollgateClient;
import dev.tollgate.client.UserCredentials;
import dev.tollgate.protocol.ClientAuth;
import dev.tollgate.protocol.Scopes;
import dev.tollgate.protocol.TokenInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java client library against the real server: every kind of credential calls the sample APIs, and
 * the failures a program meets (revoked grants, exhausted quotas, a backend that is down) reach it as the
 * library's exceptions with the server's details.
 */
class ClientLibraryTest extends EndToEnd {
    static final String PASSWORD = "correct horse battery";

    Path files;
    String project;
    String key;
    Path robotKeyFile;
    String robotEmail;
    Path clientSecretFile;
    OAuthClients.Registered desktop;
    String personEmail;
    Browser browser;
    OAuthService oauth;

    /** The built-in catalog with one more API whose backend does not listen. */
    @Override
    protected String[] extraServeArgs() throws IOException {
        int deadPort;
        try (var s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        String builtin;
        try (InputStream in = getClass().getResourceAsStream("/dev/tollgate/core/catalog/builtin-catalog.yaml")) {
            builtin = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path catalog = Files.createTempFile("catalog", ".yaml");
        Files.writeString(catalog, builtin.stripTrailing() + """

                  - name: gone
                    version: v1
                    title: Gone API
                    backend: http://127.0.0.1:%d
                    methods:
                      - id: gone.get
                        http: GET
                        path: /anything
                        access: simple
                """.formatted(deadPort));
        return new String[] {"--config", catalog.toString()};
    }

    @BeforeAll
    void projectWithCredentialsOfEveryKind() throws IOException {
        files = Files.createTempDirectory("client-it-");
        project = createProject(adminToken);
        for (String api : List.of("posts", "calendar", "gone")) {
            enable(adminToken, project, api);
        }
        http.patchJson("/admin/v1/projects/" + project + "/consentScreen", adminToken, Map.of("applicationName", "Client Library App"));
        key = createKey(adminToken, project, Map.of("displayName", "client library")).get("keyString").asText();
        KeyFiles.KeyFile robot = createServiceAccount(adminToken, project, "library-robot");
        robotEmail = robot.email();
        robotKeyFile = files.resolve("robot.json");
        Files.writeString(robotKeyFile, robot.json().toString());
        desktop = OAuthClients.register(http, adminToken, project, "installed", List.of());
        clientSecretFile = files.resolve("client_secret.json");
        Files.writeString(clientSecretFile, desktop.created().get("clientSecretJson").toString());
        personEmail = "lib-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Http.Response r = http.postJson("/admin/v1/users", adminToken, Map.of("email", personEmail, "password", PASSWORD, "emailVerified", true));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        browser = new Browser(server.baseUrl());
        oauth = OAuthService.at(URI.create(server.baseUrl()));
    }

    TollgateClient client(Credentials credentials) {
        return TollgateClient.builder(URI.create(server.baseUrl())).credentials(credentials).retryBudget(Duration.ofSeconds(2)).build();
    }

    /** The person's browser: signs in if asked, allows the request, and follows the redirect back to the program. */
    void allowInBrowser(URI authorization) {
        Http.Response r = browser.follow(browser.get(authorization.toString()));
        if (r.body().contains("name=\"password\"")) {
            r = browser.follow(browser.signIn(r, personEmail, PASSWORD));
        }
        if (r.status() == 200) {
            assertThat(r.body()).contains("Client Library App");
            r = browser.submit(r, 0, Map.of("decision", "allow"));
        }
        assertThat(r.status()).as(r.toString()).isIn(302, 303);
        Http.Response closing = browser.get(r.header("Location"));
        assertThat(closing.body()).contains("You may close this window");
    }

    UserCredentials signInOnDesktop(String scopes) throws IOException {
        return InstalledAppFlow.fromClientSecrets(clientSecretFile, Scopes.ofStored(scopes))
                .withOutput(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .withTimeout(Duration.ofSeconds(30))
                .withBrowser(this::allowInBrowser)
                .authorize();
    }

    @Test
    void apiKeyReadsPublicPosts() throws IOException {
        ApiResponse r = client(ApiKey.of(key)).get("/posts/v1/people/" + robotEmail + "/posts");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().has("items")).isTrue();
    }

    @Test
    void serviceAccountFoundAsApplicationDefaultPostsAsItself() throws IOException {
        OAuth2Credentials credentials = ApplicationDefaultCredentials.of(
                        Map.of("TOLLGATE_APPLICATION_CREDENTIALS", robotKeyFile.toString()), files.resolve("no-home"))
                .get(Scopes.of("posts"), null, CredentialOptions.defaults());
        assertThat(credentials).isInstanceOf(ServiceAccountCredentials.class);

        ApiResponse posted = client(credentials).post("/posts/v1/people/me/posts", Map.of("content", "from the library", "visibility", "public"));
        assertThat(posted.status()).isEqualTo(200);

        TokenInfo info = oauth.tokenInfo(credentials.accessToken().value());
        assertThat(info.email()).isEqualTo(robotEmail);
        assertThat(info.scopes()).isEqualTo(Scopes.of("posts"));
        assertThat(client(ApiKey.of(key)).get("/posts/v1/people/" + robotEmail + "/posts").body()).contains("from the library");
    }

    @Test
    void revokedAccessTokenIsAnsweredInvalidTokenAndReplacedOnce() throws IOException {
        var credentials = ServiceAccountCredentials.fromFile(robotKeyFile, "posts");
        TollgateClient client = client(credentials);
        client.get("/posts/v1/people/me/posts");
        AccessToken first = credentials.currentToken().orElseThrow();
        oauth.revoke(first.value());

        assertThat(client.get("/posts/v1/people/me/posts").status()).isEqualTo(200);
        assertThat(credentials.currentToken().orElseThrow().value()).isNotEqualTo(first.value());
    }

    @Test
    void installedAppSignInGivesAVerifiedIdTokenAndAnAuthorizedUserFileThatKeepsItsRotatedRefreshToken() throws IOException {
        UserCredentials signedIn = signInOnDesktop("openid email calendar");
        IdToken id = oauth.idTokenVerifier(desktop.clientId()).verify(signedIn.idToken().orElseThrow());
        assertThat(id.email()).contains(personEmail);
        assertThat(client(signedIn).get("/calendar/v3/calendars/primary/events").status()).isEqualTo(200);

        Path file = files.resolve("authorized_user.json");
        signedIn.writeTo(file);
        var fromFile = UserCredentials.fromFile(file, null, CredentialOptions.defaults());
        String before = fromFile.refreshToken();

        assertThat(client(fromFile).get("/calendar/v3/calendars/primary/events").status()).isEqualTo(200);

        assertThat(fromFile.refreshToken()).as("an installed client's refresh token rotates").isNotEqualTo(before);
        assertThat(Files.readString(file)).contains(fromFile.refreshToken()).doesNotContain(before);
        // The next run of the program starts from the file and still gets in.
        var nextRun = UserCredentials.fromFile(file, null, CredentialOptions.defaults());
        assertThat(client(nextRun).get("/calendar/v3/calendars/primary/events").status()).isEqualTo(200);
    }

    @Test
    void deviceFlowApprovedInTheBrowserThenRevokedRefreshTokenIsInvalidGrant() throws IOException {
        var installed = desktop.created().get("clientSecretJson").get("installed");
        var flow = DeviceFlow.withPrompt(URI.create(server.baseUrl() + "/device/code"), URI.create(installed.get("token_uri").asText()),
                desktop.clientId(), installed.path("client_secret").asText(null), Scopes.of("calendar"),
                shown -> approveDevice(shown.userCode()), CredentialOptions.defaults());
        UserCredentials device = flow.authorize();
        assertThat(client(device).get("/calendar/v3/calendars/primary/events").status()).isEqualTo(200);

        oauth.revoke(device.refreshToken(), new ClientAuth.None(desktop.clientId()));

        assertThatThrownBy(device::refresh).isInstanceOfSatisfying(InvalidGrantException.class,
                e -> assertThat(e.description()).isNotBlank());
    }

    void approveDevice(String userCode) {
        Http.Response page = browser.follow(browser.get("/device"));
        if (page.body().contains("name=\"password\"")) {
            page = browser.follow(browser.signIn(page, personEmail, PASSWORD));
        }
        Http.Response consent = browser.follow(browser.submit(page, 0, Map.of("user_code", userCode)));
        if (consent.body().contains("name=\"decision\"")) {
            consent = browser.submit(consent, 0, Map.of("decision", "allow"));
        }
        assertThat(consent.body()).contains("You can return to your device");
    }

    @Test
    void loweredQuotaGives429WithRetryAfterAndTheQuotaWithoutWaitingBeyondTheBudget() throws IOException {
        String limited = createProject(adminToken);
        enable(adminToken, limited, "posts");
        Http.Response r = http.patchJson("/admin/v1/projects/" + limited + "/quotas", adminToken,
                Map.of("overrides", List.of(Map.of("service", "posts", "name", "requests-per-day-per-project", "limit", 2))));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        TollgateClient client = client(ApiKey.of(createKey(adminToken, limited, Map.of()).get("keyString").asText()));
        String path = "/posts/v1/people/" + robotEmail + "/posts";

        assertThat(client.get(path).rateLimit().orElseThrow().remaining()).isEqualTo(1);
        assertThat(client.get(path).rateLimit().orElseThrow().remaining()).isZero();
        long start = System.nanoTime();
        assertThatThrownBy(() -> client.get(path)).isInstanceOfSatisfying(ApiErrorException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(429);
            assertThat(e.reason()).isEqualTo("RATE_LIMIT_EXCEEDED");
            assertThat(e.retryAfter()).isPresent();
            assertThat(e.retryAfter().get()).isGreaterThan(Duration.ofSeconds(2));
            assertThat(e.quota().orElseThrow().limitName()).isEqualTo("requests-per-day-per-project");
            assertThat(e.quota().orElseThrow().limitValue()).hasValue(2);
        });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void backendDownIs502ApiErrorException() {
        assertThatThrownBy(() -> client(ApiKey.of(key)).get("/gone/v1/anything")).isInstanceOfSatisfying(ApiErrorException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(502);
            assertThat(e.status()).isEqualTo("UNAVAILABLE");
            assertThat(e.reason()).isEqualTo("BACKEND_UNAVAILABLE");
        });
    }

    @Test
    void examplesRunAgainstTheServer() throws IOException {
        var out = new ByteArrayOutputStream();
        var print = new PrintStream(out, true, StandardCharsets.UTF_8);
        dev.tollgate.examples.ServiceAccountExample.run(new String[] {server.baseUrl(), robotKeyFile.toString()}, print);
        dev.tollgate.examples.ApiKeyExample.run(new String[] {server.baseUrl(), key, robotEmail}, print);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("posted as " + robotEmail + ": 200")
                .contains("public posts of " + robotEmail + ": 200")
                .contains("Hello from the Java client library");
    }

    @Test
    void invalidKeyIsApiErrorExceptionWithTheReason() {
        assertThatThrownBy(() -> client(ApiKey.of("tgk_not_a_real_key")).get("/posts/v1/people/" + robotEmail + "/posts"))
                .isInstanceOfSatisfying(ApiErrorException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.reason()).isEqualTo("API_KEY_INVALID");
                    assertThat(e.metadata()).containsEntry("service", "posts");
                });
    }
}
