package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a backend receives, seen by an echo backend: never a credential or an identity header of the
 * caller's in any spelling, only what Tollgate verified; never a path it could resolve differently
 * from the one matched; and its answers can never run script on Tollgate's origin.
 */
class GatewayLeakTest extends EndToEnd {
    private HttpServer backend;
    private final AtomicInteger backendCalls = new AtomicInteger();
    private String project;
    private String key;
    private String token;

    @Override
    protected String[] extraServeArgs() throws IOException {
        backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        backend.createContext("/base/", this::echo);
        backend.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        backend.start();
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
                """.formatted(backend.getAddress().getPort()));
        return new String[] {"--config", catalog.toString()};
    }

    @AfterAll
    void stopBackend() {
        if (backend != null) {
            backend.stop(0);
        }
    }

    @BeforeAll
    void projectWithCredentials() throws IOException {
        project = createProject(adminToken);
        enable(adminToken, project, "echo");
        key = createKey(adminToken, project, Map.of()).get("keyString").asText();
        token = createServiceAccount(adminToken, project, "leak-robot").accessToken(http, "echo");
    }

    @ParameterizedTest
    @ValueSource(strings = {"key", "k%65y", "%6Bey", "%6b%65%79", "ke%79"})
    void keyInAnySpellingIsReadAndNeverForwarded(String name) throws IOException {
        Raw r = raw("GET /echo/v1/echo/x?a=1&" + name + "=" + key + "&b=2 HTTP/1.1\r\n");
        assertThat(r.status).as(r.text).isEqualTo(200);
        assertThat(r.text).doesNotContain(key);
        assertThat(r.seen().get("query").asText()).isEqualTo("a=1&b=2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"KEY", "Key", "kEy"})
    void otherCaseIsNotAKeyAndIsNotReadAsOne(String name) throws IOException {
        Raw r = raw("GET /echo/v1/echo/x?" + name + "=" + key + " HTTP/1.1\r\n");
        assertThat(r.status).as(r.text).isEqualTo(403);
        assertThat(backendCallsAfter(() -> raw("GET /echo/v1/echo/x?" + name + "=" + key + " HTTP/1.1\r\n"))).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"access_token", "oauth_token", "access%5Ftoken", "%61ccess_token", "oauth%5ftoken"})
    void tokenAsQueryParameterIsABearerCredentialAndNeverForwarded(String name) throws IOException {
        Raw r = raw("GET /echo/v1/echo/x?" + name + "=" + token + "&z=9 HTTP/1.1\r\n");
        assertThat(r.status).as(r.text).isEqualTo(200);
        assertThat(r.text).doesNotContain(token);
        assertThat(r.seen().get("query").asText()).isEqualTo("z=9");
        assertThat(r.seen().at("/headers/x-tollgate-access").asText()).isEqualTo("authorized");
        assertThat(r.seen().at("/headers/x-tollgate-principal-type").asText()).isEqualTo("serviceAccount");
    }

    @ParameterizedTest
    @ValueSource(strings = {"quotaUser", "quota%55ser", "%71uotaUser"})
    void quotaUserIsStripped(String name) throws IOException {
        Raw r = raw("GET /echo/v1/echo/x?key=" + key + "&" + name + "=alice HTTP/1.1\r\n");
        assertThat(r.status).as(r.text).isEqualTo(200);
        assertThat(r.seen().get("query").isNull() || r.seen().get("query").asText().isEmpty()).as(r.text).isTrue();
    }

    @Test
    void quotaUserGivesKeyOnlyCallsTheirPerUserLimit() throws IOException {
        String other = createProject(adminToken);
        enable(adminToken, other, "echo");
        String otherKey = createKey(adminToken, other, Map.of()).get("keyString").asText();
        var override = Map.of("service", "echo", "name", "requests-per-minute-per-user", "limit", 1);
        Http.Response r = http.patchJson("/admin/v1/projects/" + other + "/quotas", adminToken, Map.of("overrides", java.util.List.of(override)));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        String call = "GET /echo/v1/echo/x?key=" + otherKey + "&quotaUser=";
        assertThat(raw(call + "alice HTTP/1.1\r\n").status).isEqualTo(200);
        assertThat(raw(call + "alice HTTP/1.1\r\n").status).isEqualTo(429);
        assertThat(raw(call + "bob HTTP/1.1\r\n").status).isEqualTo(200);
        assertThat(raw("GET /echo/v1/echo/x?key=" + otherKey + " HTTP/1.1\r\n").status).as("no quotaUser: no per-user limit").isEqualTo(200);
        assertThat(raw("GET /echo/v1/echo/x?key=" + otherKey + " HTTP/1.1\r\n").status).isEqualTo(200);
    }

    @Test
    void quotaUserLongerThan40CharactersIsRefused() throws IOException {
        Raw r = raw("GET /echo/v1/echo/x?key=" + key + "&quotaUser=" + "a".repeat(41) + " HTTP/1.1\r\n");
        assertThat(r.status).as(r.text).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-Tollgate-User", "x-tollgate-user", "X_Tollgate_User", "x-tollgate_user", "X_TOLLGATE_PROJECT",
            "X-Tollgate-Principal-Type", "x.tollgate.user", "X-Tollgate-Backend-Secret", "X_Goog_Api_Key", "x-goog_api-key",
            "Forwarded", "X-Forwarded-For", "X_Forwarded_For", "X-Real-IP", "Cookie", "Proxy-Authorization", "Nominated-By-Connection"})
    void callerHeadersThatCouldPassForOursNeverReachTheBackend(String name) throws IOException {
        Raw r = raw("GET /echo/v1/echo/x?key=" + key + " HTTP/1.1\r\n" + name + ": forged-value\r\n"
                + "Connection: keep-alive, Nominated-By-Connection\r\n");
        assertThat(r.status).as(r.text).isEqualTo(200);
        assertThat(r.text).doesNotContain("forged-value");
        JsonNode headers = r.seen().get("headers");
        assertThat(headers.get("x-tollgate-project").asText()).isEqualTo(project);
        assertThat(headers.has("x-tollgate-user")).isFalse();
        assertThat(headers.has("x-tollgate-principal-type")).as("a key names a project, no principal").isFalse();
        assertThat(headers.get("x-forwarded-for").asText()).isEqualTo("127.0.0.1");
        assertThat(headers.get("x-forwarded-proto").asText()).isEqualTo("http");
        assertThat(headers.get("forwarded").asText()).startsWith("for=127.0.0.1;proto=http;host=");
    }

    /** Header bytes as sent on the wire (ISO-8859-1 carries them one to one): UTF-8 text, Latin-1 letters, a no-break space. */
    @ParameterizedTest
    @ValueSource(strings = {"caf\u00c3\u00a9", "caf\u00e9", "a\u00a0b", "\u00ff\u00fe"})
    void headerValueWithObsTextReachesTheBackendByteForByte(String wireValue) throws IOException {
        Raw r = raw("GET /echo/v1/echo/x?key=" + key + " HTTP/1.1\r\nX-Note: " + wireValue + "\r\n");
        assertThat(r.status).as(r.text).isEqualTo(200);
        assertThat(r.seen().get("headers").get("x-note").asText()).isEqualTo(wireValue);
    }

    /** C1 controls (U+2028 in UTF-8 holds one) could be rewritten or read as line breaks on the way: refused, never forwarded bent. */
    @ParameterizedTest
    @ValueSource(strings = {"a\u00e2\u0080\u00a8b", "a\u0085b", "a\u007fb", "\u009b31m"})
    void headerValueWithControlBytesIsRefusedBeforeTheBackend(String wireValue) throws IOException {
        int before = backendCalls.get();
        Raw r = raw("GET /echo/v1/echo/x?key=" + key + " HTTP/1.1\r\nX-Note: " + wireValue + "\r\n");
        assertThat(r.status).as(r.text).isEqualTo(400);
        assertThat(r.text).contains("INVALID_ARGUMENT");
        assertThat(backendCalls.get()).isEqualTo(before);
    }

    @Test
    void credentialHeadersNeverReachTheBackend() throws IOException {
        Raw r = raw("GET /echo/v1/echo/x HTTP/1.1\r\nAuthorization: Bearer " + token + "\r\nX-Goog-Api-Key: " + key
                + "\r\nCookie: tollgate_session=s1; tollgate_device=d1; tollgate_csrf=c1\r\n");
        assertThat(r.status).as(r.text).isEqualTo(200);
        assertThat(r.text).doesNotContain(token).doesNotContain(key).doesNotContain("s1").doesNotContain("tollgate_device");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/echo/v1/echo/..", "/echo/v1/echo/%2e%2e", "/echo/v1/echo/%2E%2e", "/echo/v1/echo/.%2e",
            "/echo/v1/echo/..;x", "/echo/v1/echo/%2e%2e;/", "/echo/v1/echo/a%2fb", "/echo/v1/echo/a%2Fb", "/echo/v1/echo/a%5cb",
            "/echo/v1/echo/a%5Cb", "/echo/v1/echo/a\\b", "/echo/v1/echo/a%00b", "/echo/v1/echo/%c0%ae%c0%ae", "/echo/v1/echo/%",
            "/echo/v1/echo/%zz", "/echo/v1/echo/.", "/echo/v1/%2e/echo/x", "/echo/v1/echo/%ff"})
    void pathABackendCouldReadDifferentlyIsRefusedBeforeMatching(String path) throws IOException {
        int before = backendCalls.get();
        Raw r = raw("GET " + path + "?key=" + key + " HTTP/1.1\r\n");
        assertThat(r.status).as(path + " -> " + r.text).isEqualTo(400);
        assertThat(backendCalls.get()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=%7Cb", "a=|b", "a={b}", "a=\"b\"", "a=^"})
    void queryTheUriParserCannotTakeIsA400NeverA500(String query) throws IOException {
        Raw r = raw("GET /echo/v1/echo/x?key=" + key + "&" + query + " HTTP/1.1\r\n");
        assertThat(r.status).as(query + " -> " + r.text).isIn(200, 400);
    }

    @Test
    void backendAnswerIsSandboxedAndCarriesOneDate() throws IOException {
        Raw r = raw("GET /echo/v1/echo/x?key=" + key + " HTTP/1.1\r\n");
        assertThat(r.status).isEqualTo(200);
        String head = r.head.toLowerCase();
        assertThat(head).contains("content-security-policy: sandbox");
        assertThat(head).contains("x-content-type-options: nosniff");
        assertThat(head.split("\r\ndate:", -1)).hasSize(2);
        assertThat(head).doesNotContain("backend-server-name").doesNotContain("script-src *");
        assertThat(head).contains("x-frame-options: deny").contains("referrer-policy: no-referrer");
    }

    /** The gateway's own answers (dispatched ahead of the pages' routes) carry the headers every answer of Tollgate does. */
    @Test
    void aRefusalOfTheGatewayCannotBeFramedOrSniffed() throws IOException {
        Raw r = raw("GET /echo/v1/echo/x HTTP/1.1\r\n");
        assertThat(r.status).isEqualTo(403);
        String head = r.head.toLowerCase();
        assertThat(head).contains("x-frame-options: deny").contains("x-content-type-options: nosniff")
                .contains("content-security-policy: frame-ancestors 'none'").contains("referrer-policy: no-referrer")
                .contains("content-type: application/json");
    }

    @Test
    void headOnAGetMethodIsCheckedAndForwarded() throws IOException {
        Raw refused = raw("HEAD /echo/v1/echo/x HTTP/1.1\r\n");
        assertThat(refused.status).isEqualTo(403);
        int before = backendCalls.get();
        Raw served = raw("HEAD /echo/v1/echo/x?key=" + key + " HTTP/1.1\r\n");
        assertThat(served.status).isEqualTo(200);
        assertThat(backendCalls.get()).isEqualTo(before + 1);
    }

    private int backendCallsAfter(IoAction action) throws IOException {
        int before = backendCalls.get();
        action.run();
        return backendCalls.get() - before;
    }

    private interface IoAction {
        Object run() throws IOException;
    }

    private void echo(HttpExchange ex) throws IOException {
        backendCalls.incrementAndGet();
        byte[] body = ex.getRequestBody().readAllBytes();
        var headers = new LinkedHashMap<String, String>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
        var seen = new LinkedHashMap<String, Object>();
        seen.put("method", ex.getRequestMethod());
        seen.put("path", ex.getRequestURI().getRawPath());
        seen.put("query", ex.getRequestURI().getRawQuery());
        seen.put("headers", headers);
        seen.put("body", new String(body, StandardCharsets.UTF_8));
        byte[] bytes = Http.write(seen).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "text/html");
        ex.getResponseHeaders().add("Content-Security-Policy", "script-src *");
        ex.getResponseHeaders().add("Server", "backend-server-name");
        ex.sendResponseHeaders(200, ex.getRequestMethod().equals("HEAD") ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            if (!ex.getRequestMethod().equals("HEAD")) {
                out.write(bytes);
            }
        }
    }

    /** An answer read off a raw socket: the request goes out exactly as written, whatever a client library would refuse. */
    record Raw(int status, String head, String text) {
        JsonNode seen() {
            try {
                return Http.JSON.readTree(text);
            } catch (IOException e) {
                throw new AssertionError(text, e);
            }
        }
    }

    private Raw raw(String requestLineAndHeaders) throws IOException {
        URI base = URI.create(server.gatewayUrl());
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            String request = requestLineAndHeaders + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
                    + (requestLineAndHeaders.contains("\r\nConnection:") ? "" : "Connection: close\r\n") + "\r\n";
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            boolean head = requestLineAndHeaders.startsWith("HEAD ");
            InputStream in = s.getInputStream();
            var all = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                all.write(buf, 0, n);
                String sofar = all.toString(StandardCharsets.ISO_8859_1);
                int end = sofar.indexOf("\r\n\r\n");
                if (end >= 0 && (head || complete(sofar, end))) {
                    break;
                }
            }
            String response = all.toString(StandardCharsets.UTF_8);
            int end = response.indexOf("\r\n\r\n");
            String headPart = end < 0 ? response : response.substring(0, end);
            String body = end < 0 ? "" : response.substring(end + 4);
            if (headPart.toLowerCase().contains("transfer-encoding: chunked")) {
                body = dechunk(body);
            }
            return new Raw(Integer.parseInt(headPart.substring(9, 12)), headPart, body);
        }
    }

    private static boolean complete(String sofar, int end) {
        String head = sofar.substring(0, end).toLowerCase();
        int cl = head.indexOf("content-length:");
        if (cl >= 0) {
            int eol = head.indexOf("\r\n", cl);
            long length = Long.parseLong(head.substring(cl + 15, eol < 0 ? head.length() : eol).trim());
            return sofar.getBytes(StandardCharsets.ISO_8859_1).length - end - 4 >= length;
        }
        if (head.contains("transfer-encoding: chunked")) {
            return sofar.endsWith("0\r\n\r\n");
        }
        return false;
    }

    private static String dechunk(String body) {
        var out = new StringBuilder();
        int i = 0;
        while (i < body.length()) {
            int eol = body.indexOf("\r\n", i);
            int size = Integer.parseInt(body.substring(i, eol).trim().split(";")[0], 16);
            if (size == 0) {
                break;
            }
            out.append(body, eol + 2, eol + 2 + size);
            i = eol + 2 + size + 2;
        }
        return out.toString();
    }
}
