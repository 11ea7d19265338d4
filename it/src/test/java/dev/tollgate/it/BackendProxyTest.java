package dev.tollgate.it;

import static dev.tollgate.it.ApiKeyGatewayTest.assertGoogleError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gateway in front of an outside HTTP backend: identity headers, credentials kept back, streaming, failures. */
class BackendProxyTest extends EndToEnd {
    private static final int BIG = 8 * 1024 * 1024;
    private static final int STALLED_AFTER = 1000;
    private HttpServer backend;
    private int deadPort;
    private ServerSocket sink;
    private final java.util.concurrent.CountDownLatch firstEventSeen = new java.util.concurrent.CountDownLatch(1);
    private final List<java.net.Socket> sunk = new java.util.concurrent.CopyOnWriteArrayList<>();
    private String project;
    private String key;

    @Override
    protected String[] extraServeArgs() throws IOException {
        backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        backend.createContext("/base/echo", BackendProxyTest::echo);
        backend.createContext("/base/slow", ex -> {
            sleep(4000);
            respond(ex, 200, "late");
        });
        backend.createContext("/base/big", ex -> {
            ex.getResponseHeaders().add("Content-Type", "application/octet-stream");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                byte[] chunk = new byte[64 * 1024];
                for (int sent = 0; sent < BIG; sent += chunk.length) {
                    java.util.Arrays.fill(chunk, (byte) (sent / chunk.length));
                    out.write(chunk);
                }
            }
        });
        backend.createContext("/base/events", ex -> {
            ex.getResponseHeaders().add("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            out.write("data: one\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                // The second event only once the caller has the first: a gateway that held it back would never get it.
                firstEventSeen.await(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.write("data: two\n\n".getBytes(StandardCharsets.UTF_8));
            out.close();
        });
        backend.createContext("/base/stall", ex -> {
            // Half the announced body, then nothing for longer than the backend timeout.
            ex.sendResponseHeaders(200, 2 * STALLED_AFTER);
            OutputStream out = ex.getResponseBody();
            out.write(new byte[STALLED_AFTER]);
            out.flush();
            sleep(4000);
            ex.close();
        });
        backend.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        backend.start();
        try (var s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        sink = sinkThatNeverReads();
        Path catalog = Files.createTempFile("catalog", ".yaml");
        Files.writeString(catalog, """
                apis:
                  - name: echo
                    version: v1
                    title: Echo API
                    backend: http://127.0.0.1:%d/base
                    scopes:
                      - name: echo
                        description: Echo what you send
                    methods:
                      - id: echo.get
                        http: GET
                        path: /echo/{thing}
                        access: either
                        scopes: [echo]
                      - id: echo.post
                        http: POST
                        path: /echo/{thing}
                        access: either
                        scopes: [echo]
                      - id: echo.slow
                        http: GET
                        path: /slow
                        access: simple
                      - id: echo.big
                        http: GET
                        path: /big
                        access: simple
                      - id: echo.events
                        http: GET
                        path: /events
                        access: simple
                      - id: echo.stall
                        http: GET
                        path: /stall
                        access: simple
                  - name: sink
                    version: v1
                    title: Sink API
                    backend: http://127.0.0.1:%d
                    methods:
                      - id: sink.upload
                        http: POST
                        path: /upload
                        access: simple
                  - name: gone
                    version: v1
                    title: Gone API
                    backend: http://127.0.0.1:%d
                    methods:
                      - id: gone.get
                        http: GET
                        path: /anything
                        access: simple
                """.formatted(backend.getAddress().getPort(), sink.getLocalPort(), deadPort));
        return new String[] {"--config", catalog.toString(), "--backend-timeout", "1"};
    }

    @AfterAll
    void stopBackend() throws IOException {
        if (backend != null) {
            backend.stop(0);
        }
        if (sink != null) {
            sink.close();
        }
        for (var s : sunk) {
            s.close();
        }
    }

    @BeforeAll
    void projectWithKey() {
        project = createProject(adminToken);
        enable(adminToken, project, "echo");
        enable(adminToken, project, "gone");
        enable(adminToken, project, "sink");
        key = createKey(adminToken, project, Map.of()).get("keyString").asText();
    }

    @Test
    void backendGetsVerifiedIdentityAndNeverTheKey() {
        Http.Response r = gateway.get("/echo/v1/echo/a%20b?key=" + key + "&q=1&key2=x",
                "X-Tollgate-Project", "someone-else", "X-Tollgate-User", "forged@example.com", "X-Custom", "kept");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode seen = r.json();
        assertThat(seen.get("path").asText()).isEqualTo("/base/echo/a%20b");
        assertThat(seen.get("query").asText()).isEqualTo("q=1&key2=x");
        JsonNode headers = seen.get("headers");
        assertThat(headers.get("x-tollgate-project").asText()).isEqualTo(project);
        assertThat(headers.get("x-tollgate-access").asText()).isEqualTo("simple");
        assertThat(headers.has("x-tollgate-user")).isFalse();
        assertThat(headers.get("x-custom").asText()).isEqualTo("kept");
        assertThat(r.body()).doesNotContain(key).doesNotContain("forged@example.com").doesNotContain("someone-else");
        assertThat(headers.has("x-tollgate-backend-secret")).isFalse();
    }

    @Test
    void backendGetsTokenIdentityButNeverTheToken() throws Exception {
        KeyFiles.KeyFile robot = createServiceAccount(adminToken, project, "echo-robot");
        String token = robot.accessToken(http, "echo");
        Http.Response r = http.send(gateway.request("/echo/v1/echo/x").header("Authorization", "Bearer " + token)
                .header("X-Goog-Api-Key", key).GET());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode headers = r.json().get("headers");
        assertThat(headers.get("x-tollgate-access").asText()).isEqualTo("authorized");
        assertThat(headers.get("x-tollgate-user").asText()).isEqualTo(robot.email());
        assertThat(headers.get("x-tollgate-client").asText()).isEqualTo(robot.clientId());
        assertThat(headers.get("x-tollgate-scopes").asText()).isEqualTo("echo");
        assertThat(headers.has("authorization")).isFalse();
        assertThat(headers.has("x-goog-api-key")).isFalse();
        assertThat(r.body()).doesNotContain(token).doesNotContain(key);
    }

    @Test
    void requestBodyIsStreamedToTheBackendUnchanged() throws Exception {
        byte[] payload = new byte[3 * 1024 * 1024];
        new java.util.Random(7).nextBytes(payload);
        Http.Response r = http.send(gateway.request("/echo/v1/echo/upload?key=" + key).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload)));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("bodySha256").asText()).isEqualTo(sha256(payload));
        assertThat(r.json().get("bodyLength").asInt()).isEqualTo(payload.length);
    }

    @Test
    void largeResponseIsStreamedBackWhole() throws Exception {
        HttpResponse<InputStream> r = java.net.http.HttpClient.newHttpClient().send(
                gateway.request("/echo/v1/big?key=" + key).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        long total = 0;
        try (InputStream in = r.body()) {
            byte[] buf = new byte[65536];
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
            }
        }
        assertThat(total).isEqualTo(BIG);
    }

    @Test
    void anAnswerSentInPiecesReachesTheCallerPieceByPiece() throws Exception {
        HttpResponse<InputStream> r = java.net.http.HttpClient.newHttpClient().send(
                gateway.request("/echo/v1/events?key=" + key).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        try (var events = new java.io.BufferedReader(new java.io.InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            assertThat(events.readLine()).isEqualTo("data: one");
            firstEventSeen.countDown();
            assertThat(events.readLine()).isEmpty();
            assertThat(events.readLine()).isEqualTo("data: two");
        }
    }

    @Test
    void slowBackendThen504InGoogleFormat() {
        assertGoogleError(gateway.get("/echo/v1/slow?key=" + key), 504, "DEADLINE_EXCEEDED", "BACKEND_TIMEOUT");
    }

    @Test
    void backendThatStopsReadingTheBodyIsGivenUpAfterTheTimeoutWith504() throws Exception {
        ProjectKey sinkCaller = newProjectWithKeyFor("sink");
        long length = 256L * 1024 * 1024; // far more than the sockets between Tollgate and the sink buffer
        try (var caller = new java.net.Socket("127.0.0.1", port())) {
            caller.setSoTimeout(20_000);
            var out = caller.getOutputStream();
            out.write(("POST /sink/v1/upload?key=" + sinkCaller.key() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
                    + "Content-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            var uploader = new Thread(() -> {
                byte[] chunk = new byte[64 * 1024];
                try {
                    for (long sent = 0; sent < length; sent += chunk.length) {
                        out.write(chunk);
                    }
                } catch (IOException closedByTollgate) {
                    // Tollgate answered and closed while the body was still coming: what this test waits for.
                }
            });
            uploader.setDaemon(true);
            uploader.start();
            String head = new String(caller.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(head).isEqualTo("HTTP/1.1 504");
        }
        assertThat(UsageReads.awaitCallsByStatus(http, adminToken, sinkCaller.project(), Map.of(504, 1L))).isEqualTo(Map.of(504, 1L));
        assertThat(sunk).isNotEmpty().allSatisfy(s -> assertThat(closedByTollgate(s)).isTrue());
    }

    @Test
    void uploadSlowerThanTheBackendTimeoutIsTheCallersTimeNotTheBackends() throws Exception {
        byte[] half = new byte[100_000];
        try (var caller = new java.net.Socket("127.0.0.1", port())) {
            caller.setSoTimeout(20_000);
            var out = caller.getOutputStream();
            out.write(("POST /echo/v1/echo/slowly?key=" + key + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Content-Length: " + 2 * half.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(half);
            out.flush();
            sleep(1500); // longer than --backend-timeout 1
            out.write(half);
            out.flush();
            String answer = new String(caller.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 200").contains("\"bodyLength\":" + 2 * half.length);
        }
    }

    @Test
    void bodyThatEndsBeforeItsContentLengthIsTheCallersError400NotTheBackends() throws Exception {
        ProjectKey cutShort = newProjectWithKeyFor("echo");
        try (var caller = new java.net.Socket("127.0.0.1", port())) {
            caller.setSoTimeout(20_000);
            var out = caller.getOutputStream();
            out.write(("POST /echo/v1/echo/short?key=" + cutShort.key() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Length: 200000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[100_000]);
            out.flush();
            caller.shutdownOutput(); // half the body, then the end of the stream
            String answer = new String(caller.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 400").contains("INVALID_ARGUMENT");
        }
        assertThat(UsageReads.awaitCallsByStatus(http, adminToken, cutShort.project(), Map.of(400, 1L))).isEqualTo(Map.of(400, 1L));
    }

    @Test
    void backendThatStallsInTheMiddleOfItsAnswerIsCutOffAndOnlyWhatWasSentIsCounted() throws Exception {
        ProjectKey stalled = newProjectWithKeyFor("echo");
        try (var caller = new java.net.Socket("127.0.0.1", port())) {
            caller.setSoTimeout(20_000);
            caller.getOutputStream().write(("GET /echo/v1/stall?key=" + stalled.key() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            // The connection ends (the answer is short of its length) instead of hanging on the stalled backend.
            String answer = new String(caller.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 200").contains("Content-Length: " + 2 * STALLED_AFTER);
            assertThat(answer.length() - answer.indexOf("\r\n\r\n") - 4).isEqualTo(STALLED_AFTER);
        }
        assertThat(UsageReads.awaitCallsByStatus(http, adminToken, stalled.project(), Map.of(200, 1L))).isEqualTo(Map.of(200, 1L));
        assertThat(UsageReads.rows(http, adminToken, stalled.project(), "method").get(0).get("bytesOut").asLong()).isEqualTo(STALLED_AFTER);
    }

    @Test
    void backendDownThen502InGoogleFormat() {
        assertGoogleError(gateway.get("/gone/v1/anything?key=" + key), 502, "UNAVAILABLE", "BACKEND_UNAVAILABLE");
    }

    @Test
    void unknownMethodOfKnownApiThen404() {
        Http.Response r = gateway.get("/echo/v1/nothing-here?key=" + key);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().at("/error/status").asText()).isEqualTo("NOT_FOUND");
    }

    private record ProjectKey(String project, String key) {}

    /** A project of its own, so that its ledger holds only the call under test. */
    private ProjectKey newProjectWithKeyFor(String api) {
        String p = createProject(adminToken);
        enable(adminToken, p, api);
        return new ProjectKey(p, createKey(adminToken, p, Map.of()).get("keyString").asText());
    }

    private int port() {
        return java.net.URI.create(server.gatewayUrl()).getPort();
    }

    /** Whether the other end closed the connection: what it sent can be read to its end (or its reset) within 10 s. */
    private static boolean closedByTollgate(java.net.Socket s) throws IOException {
        s.setSoTimeout(10_000);
        try (InputStream in = s.getInputStream()) {
            byte[] buffer = new byte[1 << 20];
            while (in.read(buffer) >= 0) {
                // What Tollgate wrote before it gave up.
            }
            return true;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    /** A backend that takes connections and never reads from them; it keeps them to look at afterwards. */
    private ServerSocket sinkThatNeverReads() throws IOException {
        var socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        var acceptor = new Thread(() -> {
            try {
                while (true) {
                    sunk.add(socket.accept());
                }
            } catch (IOException closed) {
                // The test is over.
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        return socket;
    }

    private static void echo(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        var headers = new LinkedHashMap<String, String>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
        var seen = new LinkedHashMap<String, Object>();
        seen.put("method", ex.getRequestMethod());
        seen.put("path", ex.getRequestURI().getRawPath());
        seen.put("query", ex.getRequestURI().getRawQuery());
        seen.put("headers", headers);
        seen.put("bodyLength", body.length);
        seen.put("bodySha256", sha256(body));
        ex.getResponseHeaders().add("Content-Type", "application/json");
        respond(ex, 200, Http.write(seen));
    }

    private static void respond(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
