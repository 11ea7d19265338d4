package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What only the gateway's event-loop listener ({@code --api-port}) does at the level of HTTP/1.1:
 * calls pipelined on one connection, {@code Expect: 100-continue}, chunked bodies, answers without a
 * body, HTTP/1.0 callers, request smuggling, and nothing but the gateway on its port. The server runs
 * with {@code --api-host localhost}: the gateway answers only for that name there too.
 */
class EventLoopListenerTest extends EndToEnd {
    private static final String API_HOST = "localhost";
    private static final Pattern ECHOED = Pattern.compile("\\{\"method\":\"(\\w+)\",\"path\":\"([^\"]*)\",\"bodyLength\":(\\d+)");

    private HttpServer backend;
    private final AtomicInteger backendCalls = new AtomicInteger();
    private String project;
    private String key;

    @Override
    protected String[] extraServeArgs() throws IOException {
        backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        backend.createContext("/base/echo", this::echo);
        backend.createContext("/base/empty", ex -> {
            backendCalls.incrementAndGet();
            ex.getResponseHeaders().add("ETag", "\"v1\"");
            ex.sendResponseHeaders(ex.getRequestURI().getPath().endsWith("/304") ? 304 : 204, -1);
            ex.close();
        });
        backend.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        backend.start();
        Path catalog = Files.createTempFile("catalog", ".yaml");
        Files.writeString(catalog, """
                apis:
                  - name: echo
                    version: v1
                    title: Echo API
                    backend: http://127.0.0.1:%d/base
                    methods:
                      - id: echo.get
                        http: GET
                        path: /echo/{thing}
                        access: simple
                      - id: echo.post
                        http: POST
                        path: /echo/{thing}
                        access: simple
                      - id: echo.empty
                        http: GET
                        path: /empty/{status}
                        access: simple
                """.formatted(backend.getAddress().getPort()));
        return onEventLoop("--config", catalog.toString(), "--api-host", API_HOST);
    }

    private void echo(HttpExchange ex) throws IOException {
        backendCalls.incrementAndGet();
        byte[] in = ex.getRequestBody().readAllBytes();
        byte[] body = ("{\"method\":\"" + ex.getRequestMethod() + "\",\"path\":\"" + ex.getRequestURI().getRawPath()
                + "\",\"bodyLength\":" + in.length + "}").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, ex.getRequestMethod().equals("HEAD") ? -1 : body.length);
        if (!ex.getRequestMethod().equals("HEAD")) {
            ex.getResponseBody().write(body);
        }
        ex.close();
    }

    @AfterAll
    void stopBackend() {
        if (backend != null) {
            backend.stop(0);
        }
    }

    @BeforeAll
    void projectWithKey() {
        project = createProject(adminToken);
        enable(adminToken, project, "echo");
        key = createKey(adminToken, project, Map.of()).get("keyString").asText();
    }

    @Test
    void pipelinedCallsAreEachChargedForwardedAndAnsweredInTheirOrder() throws IOException {
        String calls = get("/echo/v1/echo/first", false) + post("/echo/v1/echo/second", "12345", false) + get("/echo/v1/echo/third", true);
        String answers = exchange(calls);
        Matcher echoed = ECHOED.matcher(answers);
        var seen = new java.util.ArrayList<String>();
        while (echoed.find()) {
            seen.add(echoed.group(1) + " " + echoed.group(2) + " " + echoed.group(3));
        }
        assertThat(seen).containsExactly("GET /base/echo/first 0", "POST /base/echo/second 5", "GET /base/echo/third 0");
        assertThat(answers.split("HTTP/1.1 200 OK", -1)).hasSize(4);
    }

    @Test
    void expectContinueIsAnsweredOnlyOnceTheCallIsChargedAndThenTheBodyIsForwarded() throws Exception {
        try (Socket caller = caller()) {
            OutputStream out = caller.getOutputStream();
            out.write(("POST /echo/v1/echo/upload?key=" + key + " HTTP/1.1\r\nHost: " + API_HOST + "\r\nExpect: 100-continue\r\n"
                    + "Content-Length: 7\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = caller.getInputStream();
            assertThat(line(in)).isEqualTo("HTTP/1.1 100 Continue");
            out.write("7 bytes".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).contains("HTTP/1.1 200 OK").contains("\"bodyLength\":7");
        }
    }

    @Test
    void expectContinueOfARefusedCallGetsTheRefusalAndNoContinue() throws Exception {
        int before = backendCalls.get();
        try (Socket caller = caller()) {
            caller.getOutputStream().write(("POST /echo/v1/echo/upload?key=AIzaNotAKeyOfThisServer HTTP/1.1\r\nHost: " + API_HOST
                    + "\r\nExpect: 100-continue\r\nContent-Length: 7\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(caller.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 400").doesNotContain("100 Continue").contains("API_KEY_INVALID")
                    .contains("Connection: close");
        }
        assertThat(backendCalls.get()).isEqualTo(before);
    }

    @Test
    void chunkedBodyIsForwardedWhole() throws IOException {
        String answer = exchange("POST /echo/v1/echo/chunks?key=" + key + " HTTP/1.1\r\nHost: " + API_HOST
                + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 200").contains("\"bodyLength\":11");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Content-Length: 5\r\nTransfer-Encoding: chunked", "Transfer-Encoding: chunked\r\nContent-Length: 5",
            "Content-Length: 5\r\nContent-Length: 6", "Transfer-Encoding: gzip, chunked\r\nContent-Length: 5", "Transfer-Encoding: identity", "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked",
            "Transfer-Encoding: chunked, identity", "Transfer-Encoding: xchunked",
            "Content-Length: -5", "Content-Length: 5x"})
    void ambiguousBodyFramingIsRefusedAndNothingReachesTheBackend(String framing) throws IOException {
        int before = backendCalls.get();
        String answer = exchange("POST /echo/v1/echo/smuggled?key=" + key + " HTTP/1.1\r\nHost: " + API_HOST + "\r\n" + framing
                + "\r\n\r\n0\r\n\r\nGET /echo/v1/echo/hidden?key=" + key + " HTTP/1.1\r\nHost: " + API_HOST + "\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400").contains("\"error\"").doesNotContain("hidden");
        assertThat(answer.split("HTTP/1.1 ", -1)).as("one answer, and the connection ends").hasSize(2);
        assertThat(backendCalls.get()).isEqualTo(before);
    }

    @Test
    void noContentAndNotModifiedCarryNoBodyAndTheConnectionGoesOn() throws IOException {
        String answers = exchange(get("/echo/v1/empty/204", false) + get("/echo/v1/empty/304", false) + get("/echo/v1/echo/after", true));
        assertThat(answers).startsWith("HTTP/1.1 204 No Content").contains("HTTP/1.1 304 Not Modified").containsIgnoringCase("ETag: \"v1\"")
                .contains("\"path\":\"/base/echo/after\"").doesNotContain("Transfer-Encoding");
    }

    @Test
    void headIsForwardedAsHeadAndAnsweredWithoutABody() throws IOException {
        String answers = exchange("HEAD /echo/v1/echo/head?key=" + key + " HTTP/1.1\r\nHost: " + API_HOST + "\r\n\r\n"
                + get("/echo/v1/echo/after-head", true));
        assertThat(answers).startsWith("HTTP/1.1 200 OK");
        assertThat(answers.split("HTTP/1.1 200 OK", -1)).hasSize(3);
        assertThat(answers).doesNotContain("/base/echo/head").contains("\"path\":\"/base/echo/after-head\"");
    }

    @Test
    void anHttp10CallerGetsItsAnswerAndTheConnectionEnds() throws IOException {
        String answer = exchange("GET /echo/v1/echo/old?key=" + key + " HTTP/1.0\r\nHost: " + API_HOST + "\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 200").contains("\"path\":\"/base/echo/old\"").contains("Content-Length:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/signin", "/admin/v1/projects", "/token", "/echo/v1/$discovery/rest", "/discovery/v1/apis", "/healthz", "/"})
    void onlyTheGatewayIsServedOnTheApiPort(String path) throws IOException {
        String answer = exchange("GET " + path + " HTTP/1.1\r\nHost: " + API_HOST + "\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 404").contains("NOT_FOUND").contains("X-Frame-Options: DENY");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "evil.example", "localhost.evil.example"})
    void onOtherHostNamesTheApiPortIsA404(String host) throws IOException {
        int before = backendCalls.get();
        String answer = exchange("GET /echo/v1/echo/x?key=" + key + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 404");
        assertThat(backendCalls.get()).isEqualTo(before);
    }

    @Test
    void callsOnTheApiPortAreInTheLedgerAndInTheMetrics() throws Exception {
        String metered = createProject(adminToken);
        enable(adminToken, metered, "echo");
        String meteredKey = createKey(adminToken, metered, Map.of()).get("keyString").asText();
        String answers = exchange(get("/echo/v1/echo/m1", meteredKey, false) + get("/echo/v1/nothing", meteredKey, true));
        assertThat(answers).startsWith("HTTP/1.1 200").contains("HTTP/1.1 404");
        assertThat(UsageReads.awaitCallsByStatus(http, adminToken, metered, Map.of(200, 1L, 404, 1L))).isEqualTo(Map.of(200, 1L, 404, 1L));
        String metrics = http.get("/metrics").body();
        assertThat(metrics).containsPattern("tollgate_gateway_calls_seconds_count\\{api=\"echo\",method=\"echo.get\",status=\"200\"}");
    }

    private String get(String path, boolean last) {
        return get(path, key, last);
    }

    private static String get(String path, String key, boolean last) {
        return "GET " + path + "?key=" + key + " HTTP/1.1\r\nHost: " + API_HOST + "\r\n" + (last ? "Connection: close\r\n" : "") + "\r\n";
    }

    private String post(String path, String body, boolean last) {
        return "POST " + path + "?key=" + key + " HTTP/1.1\r\nHost: " + API_HOST + "\r\nContent-Length: " + body.length() + "\r\n"
                + (last ? "Connection: close\r\n" : "") + "\r\n" + body;
    }

    private Socket caller() throws IOException {
        URI api = URI.create(server.gatewayUrl());
        Socket socket = new Socket(api.getHost(), api.getPort());
        socket.setSoTimeout(20_000);
        return socket;
    }

    /** Sends the bytes in one write and reads until Tollgate ends the connection. */
    private String exchange(String bytes) throws IOException {
        try (Socket caller = caller()) {
            caller.getOutputStream().write(bytes.getBytes(StandardCharsets.ISO_8859_1));
            caller.getOutputStream().flush();
            return new String(caller.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static String line(InputStream in) throws IOException {
        var line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        // The interim answer's empty line.
        assertThat(in.read()).isEqualTo('\r');
        assertThat(in.read()).isEqualTo('\n');
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
