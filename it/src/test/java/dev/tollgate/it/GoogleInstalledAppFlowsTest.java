package dev.tollgate.it;

import static dev.tollgate.it.BrowserSupport.click;
import static dev.tollgate.it.BrowserSupport.signIn;
import static dev.tollgate.it.BrowserSupport.visibleText;
import static dev.tollgate.it.BrowserSupport.waitFor;
import static dev.tollgate.it.BrowserSupport.waitForHeading;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.client.auth.oauth2.AuthorizationCodeFlow;
import com.google.api.client.auth.oauth2.BearerToken;
import com.google.api.client.auth.oauth2.ClientParametersAuthentication;
import com.google.api.client.auth.oauth2.Credential;
import com.google.api.client.extensions.java6.auth.oauth2.AuthorizationCodeInstalledApp;
import com.google.api.client.extensions.jetty.auth.oauth2.LocalServerReceiver;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.auth.oauth2.TokenVerifier;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Google's installed-application flows, unchanged, against Tollgate: Java's
 * {@code AuthorizationCodeInstalledApp} with {@code LocalServerReceiver} and Python's
 * {@code InstalledAppFlow.run_local_server}, each with the {@code client_secret.json} Tollgate gave
 * and no registered redirect URI; a real browser signs the person in and allows the app, then the
 * application calls the API, refreshes its credentials, and calls it again.
 */
@ExtendWith(BrowserSupport.RequiresChromium.class)
class GoogleInstalledAppFlowsTest extends EndToEnd {
    static final String PASSWORD = "correct horse battery";
    static final String APP_NAME = "Desktop Calendar Pal";
    static final Pattern URL = Pattern.compile("(https?://\\S+)");
    static final String EVENTS = "/calendar/v3/calendars/primary/events";

    BrowserSupport.Chromium chromium;
    ChromeDriver chrome;
    JsonNode clientSecretJson;
    String clientId;
    ExecutorService pool = Executors.newCachedThreadPool();

    @BeforeAll
    void desktopClientAndBrowser() throws IOException {
        String project = createProject(adminToken);
        enable(adminToken, project, "calendar");
        Http.Response screen = http.patchJson("/admin/v1/projects/" + project + "/consentScreen", adminToken,
                Map.of("applicationName", APP_NAME));
        assertThat(screen.status()).as(screen.toString()).isEqualTo(200);
        Http.Response created = http.postJson("/admin/v1/projects/" + project + "/oauthClients", adminToken,
                Map.of("type", "installed", "displayName", "Desktop"));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        clientSecretJson = created.json().get("clientSecretJson");
        clientId = clientSecretJson.get("installed").get("client_id").asText();
        chromium = BrowserSupport.start(true);
        chrome = chromium.driver;
    }

    @AfterAll
    void closeBrowser() {
        pool.shutdownNow();
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void signedOutBrowser() {
        BrowserSupport.clearCookies(chrome);
    }

    /** The issuer Tollgate names in its tokens and files (localhost), which is not the test's base URL (127.0.0.1). */
    String issuer() {
        return adminKey.tokenUri().replace("/token", "");
    }

    String newVerifiedPerson() {
        String email = "i" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "@example.com";
        Http.Response r = http.postJson("/admin/v1/users", adminToken, Map.of("email", email, "password", PASSWORD, "emailVerified", true));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return email;
    }

    /** What the person does in the browser: opens the URL the application gave, signs in, allows it. */
    void signInAndAllow(String authorizationUrl, String email) {
        assertThat(authorizationUrl).startsWith(issuer() + "/o/oauth2/v2/auth?").contains("code_challenge_method=S256");
        chrome.get(authorizationUrl);
        signIn(chrome, email, PASSWORD);
        waitForHeading(chrome, APP_NAME + " wants access");
        click(chrome, "Allow");
        waitFor(chrome, d -> d.getCurrentUrl().startsWith("http://localhost:"), "the browser back at the application's loopback server");
    }

    void verifyIdToken(String idToken, String email) throws Exception {
        var verified = TokenVerifier.newBuilder().setCertificatesLocation(issuer() + "/oauth2/v1/certs")
                .setIssuer(issuer()).setAudience(clientId).build().verify(idToken);
        assertThat(verified.getPayload().get("email")).isEqualTo(email);
    }

    @Test
    void javaAuthorizationCodeInstalledAppWithLocalServerReceiverCompletesAndRefreshes() throws Exception {
        String email = newVerifiedPerson();
        JsonNode installed = clientSecretJson.get("installed");
        BlockingQueue<String> idTokens = new LinkedBlockingQueue<>();
        var transport = new NetHttpTransport();
        AuthorizationCodeFlow flow = new AuthorizationCodeFlow.Builder(BearerToken.authorizationHeaderAccessMethod(), transport,
                GsonFactory.getDefaultInstance(), new GenericUrl(installed.get("token_uri").asText()),
                new ClientParametersAuthentication(clientId, installed.get("client_secret").asText()), clientId,
                installed.get("auth_uri").asText())
                .setScopes(List.of("openid", "email", "calendar"))
                .enablePKCE()
                .setCredentialCreatedListener((credential, response) -> idTokens.add((String) response.get("id_token")))
                .build();
        BlockingQueue<String> urls = new LinkedBlockingQueue<>();
        // LocalServerReceiver as it comes: localhost, a free port, the path /Callback.
        var app = new AuthorizationCodeInstalledApp(flow, new LocalServerReceiver(), urls::add);
        Future<Credential> authorized = pool.submit(() -> app.authorize("me"));

        String url = urls.poll(30, TimeUnit.SECONDS);
        assertThat(url).as("the URL AuthorizationCodeInstalledApp hands the browser").isNotNull()
                .containsPattern("redirect_uri=http://localhost:[0-9]+/Callback");
        signInAndAllow(url, email);
        assertThat(visibleText(chrome)).contains("Received verification code");
        Credential credential = authorized.get(60, TimeUnit.SECONDS);

        var requests = transport.createRequestFactory(credential);
        HttpResponse before = requests.buildGetRequest(new GenericUrl(server.baseUrl() + EVENTS)).execute();
        assertThat(before.getStatusCode()).isEqualTo(200);
        String firstToken = credential.getAccessToken();
        assertThat(credential.getRefreshToken()).as("an installed app gets a refresh token").startsWith("tgr_");
        assertThat(credential.refreshToken()).isTrue();
        assertThat(credential.getAccessToken()).isNotEqualTo(firstToken);
        assertThat(http.getWithToken(EVENTS, firstToken).status()).as("the first token still works until it expires").isEqualTo(200);
        HttpResponse after = requests.buildGetRequest(new GenericUrl(server.baseUrl() + EVENTS)).execute();
        assertThat(after.getStatusCode()).isEqualTo(200);
        verifyIdToken(idTokens.poll(5, TimeUnit.SECONDS), email);
    }

    @Test
    void pythonInstalledAppFlowRunLocalServerCompletesAndRefreshes() throws Exception {
        String python = ClientPrograms.requirePython();
        requireOauthlib(python);
        String email = newVerifiedPerson();
        Path secretFile = Files.createTempFile("client_secret", ".json");
        try {
            Files.writeString(secretFile, clientSecretJson.toString());
            var command = new ProcessBuilder(python, "-u", "installed_app_flow.py").directory(ClientPrograms.PYTHON_DIR.toFile());
            // oauthlib refuses a token endpoint on plain http otherwise; this test's Tollgate is on http://127.0.0.1.
            command.environment().put("OAUTHLIB_INSECURE_TRANSPORT", "1");
            Process process = command.start();
            try {
                BlockingQueue<String> lines = new LinkedBlockingQueue<>();
                CompletableFuture<Void> out = CompletableFuture.runAsync(() -> readLines(process, lines), pool);
                CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(process), pool);
                try (OutputStream in = process.getOutputStream()) {
                    in.write(Http.JSON.writeValueAsBytes(Map.of("clientSecretFile", secretFile.toString(),
                            "scopes", List.of("openid", "email", "calendar"), "baseUrl", server.baseUrl())));
                }
                String prompt = lines.poll(30, TimeUnit.SECONDS);
                assertThat(prompt).as("the prompt run_local_server prints; stderr: " + err.getNow("")).isNotNull();
                Matcher url = URL.matcher(prompt);
                assertThat(url.find()).as(prompt).isTrue();
                assertThat(url.group(1)).containsPattern("redirect_uri=http%3A%2F%2Flocalhost%3A[0-9]+%2F");
                signInAndAllow(url.group(1), email);

                assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the script finishes").isTrue();
                out.join();
                assertThat(process.exitValue()).as(err.join()).isZero();
                List<String> rest = List.copyOf(lines);
                JsonNode result = Http.JSON.readTree(rest.get(rest.size() - 1));
                assertThat(result.get("redirectUri").asText()).matches("http://localhost:[0-9]+/");
                assertThat(result.get("hasRefreshToken").asBoolean()).isTrue();
                assertThat(result.get("before").asInt()).isEqualTo(200);
                assertThat(result.get("refreshed").asBoolean()).isTrue();
                assertThat(result.get("after").asInt()).isEqualTo(200);
                assertThat(result.get("events").has("items")).as(result.toString()).isTrue();
                verifyIdToken(result.get("idToken").asText(), email);
            } finally {
                process.destroyForcibly();
            }
        } finally {
            Files.deleteIfExists(secretFile);
        }
    }

    /** Debian's python3-google-auth-oauthlib: skipped without it, except on CI ({@code CI=true}), where that fails. */
    private static void requireOauthlib(String python) throws Exception {
        Process check = new ProcessBuilder(python, "-c", "import google_auth_oauthlib.flow").redirectErrorStream(true).start();
        check.getInputStream().transferTo(OutputStream.nullOutputStream());
        boolean present = check.waitFor(30, TimeUnit.SECONDS) && check.exitValue() == 0;
        if (!present && BrowserSupport.onCi()) {
            throw new AssertionError("python3-google-auth-oauthlib is missing, and CI=true requires it (.ci/run installs it)");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(present, "python3-google-auth-oauthlib is missing; set CI=true to make this a failure");
    }

    private static void readLines(Process process, BlockingQueue<String> lines) {
        try (var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            lines.add("(stdout failed: " + e.getMessage() + ")");
        }
    }

    private static String readAll(Process process) {
        try {
            return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(stderr failed: " + e.getMessage() + ")";
        }
    }
}
