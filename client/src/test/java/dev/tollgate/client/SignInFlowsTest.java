package dev.tollgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.protocol.ClientSecretFile;
import dev.tollgate.protocol.DeviceAuthorizationResponse;
import dev.tollgate.protocol.Pkce;
import dev.tollgate.protocol.ProviderMetadata;
import dev.tollgate.protocol.Scopes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The device flow and the installed-application flow against a real local authorization server. */
class SignInFlowsTest {
    static final String TOKENS = "{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"refresh_token\":\"rt\",\"scope\":\"calendar\"}";
    final LocalServer server = new LocalServer();
    final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void deviceFlowShowsTheCodeAndPollsAtTheIntervalSlowingDownWhenTold() throws Exception {
        server.route("/device/code", r -> LocalServer.Reply.json(200, """
                {"device_code":"dc","user_code":"ABCD-EFGH","verification_url":"https://t.example/device",
                 "verification_uri":"https://t.example/device","verification_uri_complete":"https://t.example/device?user_code=ABCD-EFGH",
                 "expires_in":1800,"interval":5}"""));
        Deque<String> answers = new ArrayDeque<>(List.of(
                "{\"error\":\"authorization_pending\"}", "{\"error\":\"slow_down\"}", "{\"error\":\"authorization_pending\"}"));
        server.route("/token", r -> answers.isEmpty() ? LocalServer.Reply.json(200, TOKENS) : LocalServer.Reply.json(400, answers.poll()));
        var waits = new ArrayList<Duration>();
        var shown = new AtomicReference<DeviceAuthorizationResponse>();
        var flow = new DeviceFlow(server.uri("/device/code"), server.uri("/token"), "tv-app", null, Scopes.of("calendar"),
                shown::set, CredentialOptions.defaults(), waits::add);

        UserCredentials credentials = flow.authorize();

        assertThat(shown.get().userCode()).isEqualTo("ABCD-EFGH");
        assertThat(waits).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(10));
        assertThat(server.requests("/device/code").get(0).form()).containsEntry("client_id", "tv-app").containsEntry("scope", "calendar");
        assertThat(server.requests("/token").get(0).form()).containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:device_code")
                .containsEntry("device_code", "dc");
        assertThat(credentials.refreshToken()).isEqualTo("rt");
        assertThat(credentials.accessToken().value()).as("the first access token is used, not refreshed at once").isEqualTo("at");
        assertThat(server.requests("/token")).hasSize(4);
    }

    @Test
    void deviceFlowDeniedIsAccessDenied() {
        server.route("/device/code", r -> LocalServer.Reply.json(200,
                "{\"device_code\":\"dc\",\"user_code\":\"X\",\"verification_uri\":\"https://t/device\",\"expires_in\":60,\"interval\":1}"));
        server.route("/token", r -> LocalServer.Reply.json(400, "{\"error\":\"access_denied\",\"error_description\":\"The person denied the request.\"}"));
        var flow = new DeviceFlow(server.uri("/device/code"), server.uri("/token"), "tv-app", null, Scopes.of("calendar"),
                a -> { }, CredentialOptions.defaults(), d -> { });
        assertThatThrownBy(flow::authorize).isInstanceOfSatisfying(TokenRequestException.class, e -> assertThat(e.error()).isEqualTo("access_denied"));
    }

    @Test
    void devicePromptPrintsThePageAndTheCode() {
        var out = new ByteArrayOutputStream();
        DeviceFlow.printTo(new PrintStream(out, true, StandardCharsets.UTF_8)).accept(new DeviceAuthorizationResponse(
                "dc", "WXYZ-1234", "https://t.example/device", "https://t.example/device", null, 60, 5));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("https://t.example/device").contains("WXYZ-1234");
    }

    ClientSecretFile.Details installed() {
        return new ClientSecretFile.Details("desktop-app", "p1", server.uri("/auth").toString(), server.uri("/token").toString(),
                null, null, List.of("http://localhost"), null);
    }

    /** Plays the person and the authorization page: checks the request, then sends the browser back with a code. */
    Map<String, String> approve(URI authorization, String code, Map<String, String> overrides) {
        Map<String, String> params = LocalServer.decode(authorization.getRawQuery());
        var back = new java.util.LinkedHashMap<String, String>();
        back.put("code", code);
        back.put("state", params.get("state"));
        back.putAll(overrides);
        var query = new StringBuilder();
        back.forEach((k, v) -> query.append(query.length() == 0 ? "?" : "&").append(k).append('=').append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
        try {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(params.get("redirect_uri") + query)).build(),
                    HttpResponse.BodyHandlers.ofString());
            params.put("page", page.statusCode() + " " + page.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return params;
    }

    @Test
    void installedAppFlowUsesLoopbackPkceAndStateAndShowsAClosingPage() throws Exception {
        server.route("/token", r -> LocalServer.Reply.json(200, TOKENS));
        var seen = new AtomicReference<Map<String, String>>();
        var out = new ByteArrayOutputStream();
        var flow = InstalledAppFlow.of(installed(), Scopes.of("calendar")).withOutput(new PrintStream(out, true, StandardCharsets.UTF_8))
                .withBrowser(uri -> seen.set(approve(uri, "the-code", Map.of())));

        UserCredentials credentials = flow.authorize();

        Map<String, String> auth = seen.get();
        assertThat(auth.get("redirect_uri")).matches("http://127\\.0\\.0\\.1:\\d+/");
        assertThat(auth).containsEntry("code_challenge_method", "S256").containsEntry("client_id", "desktop-app")
                .containsEntry("scope", "calendar").containsEntry("response_type", "code");
        assertThat(auth.get("state")).hasSizeGreaterThanOrEqualTo(22);
        assertThat(auth.get("page")).startsWith("200").contains("You may close this window");
        Map<String, String> exchange = server.requests("/token").get(0).form();
        assertThat(exchange).containsEntry("grant_type", "authorization_code").containsEntry("code", "the-code")
                .containsEntry("redirect_uri", auth.get("redirect_uri")).containsEntry("client_id", "desktop-app");
        assertThat(Pkce.matches(exchange.get("code_verifier"), auth.get("code_challenge"))).isTrue();
        assertThat(credentials.refreshToken()).isEqualTo("rt");
    }

    @Test
    void installedAppFlowIgnoresAnAnswerWithAnotherStateAndTimesOut() {
        var seen = new AtomicReference<Map<String, String>>();
        var flow = InstalledAppFlow.of(installed(), Scopes.of("calendar")).withTimeout(Duration.ofMillis(500))
                .withOutput(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .withBrowser(uri -> seen.set(approve(uri, "forged", Map.of("state", "not-ours"))));

        assertThatThrownBy(flow::authorize).hasMessageContaining("No answer from the browser");
        assertThat(seen.get().get("page")).startsWith("400");
        assertThat(server.requests("/token")).isEmpty();
    }

    @Test
    void installedAppFlowDeniedIsAccessDenied() {
        var flow = InstalledAppFlow.of(installed(), Scopes.of("calendar"))
                .withOutput(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .withBrowser(uri -> approve(uri, "", Map.of("error", "access_denied")));
        assertThatThrownBy(flow::authorize).isInstanceOfSatisfying(TokenRequestException.class, e -> assertThat(e.error()).isEqualTo("access_denied"));
    }

    @Test
    void withoutABrowserTheAddressIsPrinted() throws Exception {
        // A headless JVM: the flow prints the address; the test then plays the person with it.
        System.setProperty("java.awt.headless", "true");
        server.route("/token", r -> LocalServer.Reply.json(200, TOKENS));
        var out = new java.io.PipedOutputStream();
        var in = new java.io.BufferedReader(new java.io.InputStreamReader(new java.io.PipedInputStream(out), StandardCharsets.UTF_8));
        var flow = InstalledAppFlow.of(installed(), Scopes.of("calendar")).withOutput(new PrintStream(out, true, StandardCharsets.UTF_8));
        var person = new Thread(() -> {
            try {
                assertThat(in.readLine()).contains("Open this address");
                approve(URI.create(in.readLine()), "printed-code", Map.of());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        person.start();
        assertThat(flow.authorize().refreshToken()).isEqualTo("rt");
        person.join(5000);
        assertThat(server.requests("/token").get(0).form()).containsEntry("code", "printed-code");
    }

    static ProviderMetadata metadata(String issuer, Boolean issParameterSupported) {
        return new ProviderMetadata(issuer, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, issParameterSupported);
    }

    @Test
    void installedAppFlowTakesTheAnswerOfItsOwnIssuer() throws Exception {
        server.route("/token", r -> LocalServer.Reply.json(200, TOKENS));
        var flow = InstalledAppFlow.of(installed(), Scopes.of("calendar")).withIssuer(metadata("https://tollgate.example", true))
                .withOutput(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .withBrowser(uri -> approve(uri, "the-code", Map.of("iss", "https://tollgate.example")));

        assertThat(flow.authorize().refreshToken()).isEqualTo("rt");
    }

    @Test
    void installedAppFlowRefusesAnAnswerFromAnotherIssuerAndNeverRedeemsItsCode() {
        var seen = new AtomicReference<Map<String, String>>();
        var flow = InstalledAppFlow.of(installed(), Scopes.of("calendar")).withIssuer(metadata("https://tollgate.example", true))
                .withOutput(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .withBrowser(uri -> seen.set(approve(uri, "stolen-code", Map.of("iss", "https://attacker.example"))));

        assertThatThrownBy(flow::authorize).isInstanceOfSatisfying(IssuerMismatchException.class, e -> {
            assertThat(e.expected()).isEqualTo("https://tollgate.example");
            assertThat(e.received()).contains("https://attacker.example");
            assertThat(e).hasMessageContaining("https://attacker.example").hasMessageContaining("RFC 9207");
        });
        assertThat(seen.get().get("page")).startsWith("400").contains("another server");
        assertThat(server.requests("/token")).isEmpty();
    }

    @Test
    void installedAppFlowRefusesAnAnswerWithoutIssWhenTheServerPromisesIt() {
        var flow = InstalledAppFlow.of(installed(), Scopes.of("calendar")).withIssuer(metadata("https://tollgate.example", true))
                .withOutput(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .withBrowser(uri -> approve(uri, "the-code", Map.of()));

        assertThatThrownBy(flow::authorize).isInstanceOfSatisfying(IssuerMismatchException.class, e -> assertThat(e.received()).isEmpty());
        assertThat(server.requests("/token")).isEmpty();
    }

    @Test
    void installedAppFlowWithAServerThatSendsNoIssTakesAnAnswerWithoutOne() throws Exception {
        server.route("/token", r -> LocalServer.Reply.json(200, TOKENS));
        var flow = InstalledAppFlow.of(installed(), Scopes.of("calendar")).withIssuer(metadata("https://tollgate.example", null))
                .withOutput(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .withBrowser(uri -> approve(uri, "the-code", Map.of()));

        assertThat(flow.authorize().refreshToken()).isEqualTo("rt");
    }
}
