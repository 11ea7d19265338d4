package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * What the ledger holds for a project's calls through the real server: every answer it got, the
 * gateway's own refusals and failures included, exactly once and with its status; the bytes each
 * answer actually carried; and quota given back for a call refused after admission.
 */
class GatewayAccountingTest extends EndToEnd {
    private static final int STREAMED = 70_001;
    private HttpServer backend;

    @Override
    protected String[] extraServeArgs() throws IOException {
        backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        backend.createContext("/base/", this::answer);
        backend.setExecutor(Executors.newCachedThreadPool());
        backend.start();
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Path catalog = Files.createTempFile("catalog", ".yaml");
        Files.writeString(catalog, """
                apis:
                  - name: meter
                    version: v1
                    title: Meter API
                    backend: http://127.0.0.1:%d/base
                    billing:
                      freeCallsPerMonth: 0
                    scopes:
                      - name: meter
                        description: Metered things
                    methods:
                      - id: meter.get
                        http: GET
                        path: /things/{thing}
                        access: either
                        scopes: [meter]
                      - id: meter.paid
                        http: GET
                        path: /paid/{thing}
                        access: either
                        scopes: [meter]
                        pricePer1000: "1.00"
                  - name: down
                    version: v1
                    title: Down API
                    backend: http://127.0.0.1:%d/base
                    scopes:
                      - name: down
                        description: Nobody answers
                    methods:
                      - id: down.get
                        http: GET
                        path: /things/{thing}
                        access: either
                        scopes: [down]
                """.formatted(backend.getAddress().getPort(), closedPort));
        return new String[] {"--config", catalog.toString()};
    }

    @AfterAll
    void stopBackend() {
        if (backend != null) {
            backend.stop(0);
        }
    }

    /** /things/missing: 404; /things/stream: a chunked body of {@link #STREAMED} bytes, no Content-Length; else a small JSON. */
    private void answer(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        ex.getResponseHeaders().set("Content-Type", "application/json");
        if (path.endsWith("/missing")) {
            byte[] body = "{\"error\":\"no such thing\"}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(404, body.length);
            ex.getResponseBody().write(body);
        } else if (path.endsWith("/stream")) {
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                byte[] chunk = new byte[1000];
                java.util.Arrays.fill(chunk, (byte) 'x');
                for (int sent = 0; sent < STREAMED; sent += chunk.length) {
                    out.write(chunk, 0, Math.min(chunk.length, STREAMED - sent));
                    out.flush();
                }
            }
        } else {
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
        }
        ex.close();
    }

    @Test
    void everyAnswerOfAProjectsCallLandsInTheLedgerOnceWithTheStatusTheCallerGot() throws Exception {
        String project = createProject(adminToken);
        enable(adminToken, project, "meter");
        enable(adminToken, project, "down");
        String key = createKey(adminToken, project, Map.of()).get("keyString").asText();
        String ipBound = createKey(adminToken, project, Map.of("restrictions", Map.of("allowedIps", List.of("192.0.2.0/24"))))
                .get("keyString").asText();
        String token = createServiceAccount(adminToken, project, "meter-robot").accessToken(http, "meter");

        assertThat(gateway.get("/meter/v1/things/a?key=" + key).status()).isEqualTo(200);
        assertThat(gateway.get("/meter/v1/things/b", "Authorization", "Bearer " + token).status()).isEqualTo(200);
        assertThat(gateway.get("/meter/v1/things/missing?key=" + key).status()).isEqualTo(404);
        assertThat(gateway.get("/meter/v1/things/a?key=" + ipBound).status()).isEqualTo(403);
        assertThat(gateway.get("/down/v1/things/a?key=" + key).status()).isEqualTo(502);
        assertThat(gateway.get("/down/v1/things/a", "Authorization", "Bearer " + token).status()).as("token without the down scope").isEqualTo(403);
        // A path no method matches is the key's project's too, under the API's "(unmatched)" method.
        assertThat(gateway.get("/meter/v1/things/%2e%2e/admin?key=" + key).status()).isEqualTo(400);
        // Refusals before the credential names a project are nobody's: none of these is in the ledger.
        assertThat(gateway.get("/meter/v1/things/a").status()).isEqualTo(403);
        assertThat(gateway.get("/meter/v1/things/a?key=AIzaNotAKeyOfThisServer").status()).isEqualTo(400);

        Map<Integer, Long> expected = Map.of(200, 2L, 404, 1L, 403, 2L, 502, 1L, 400, 1L);
        Map<Integer, Long> ledger = awaitCallsByStatus(project, 7);
        assertThat(ledger).isEqualTo(expected);
        // Read again a drain interval later: nothing is counted twice.
        Thread.sleep(1200);
        assertThat(callsByStatus(project)).isEqualTo(expected);
        assertThat(usage(project, "method")).anySatisfy(row -> {
            assertThat(row.get("method").asText()).isEqualTo("(unmatched)");
            assertThat(row.get("calls").asLong()).isEqualTo(1);
        });
    }

    @Test
    void bytesOutAreWhatTheCallerWasSentEvenWithoutAContentLength() throws Exception {
        String project = createProject(adminToken);
        enable(adminToken, project, "meter");
        String key = createKey(adminToken, project, Map.of()).get("keyString").asText();

        Http.Response streamed = gateway.get("/meter/v1/things/stream?key=" + key);
        assertThat(streamed.status()).isEqualTo(200);
        assertThat(streamed.body()).hasSize(STREAMED);
        Http.Response small = gateway.get("/meter/v1/things/small?key=" + key);
        assertThat(small.body()).isEqualTo("{\"ok\":true}");

        awaitCallsByStatus(project, 2);
        JsonNode rows = usage(project, "method");
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.get("calls").asLong()).isEqualTo(2);
            assertThat(row.get("bytesOut").asLong()).isEqualTo(STREAMED + small.body().length());
        });
    }

    @Test
    void callRefusedByBillingAfterAdmissionGivesBackItsQuota() throws Exception {
        String project = createProject(adminToken);
        enable(adminToken, project, "meter");
        String key = createKey(adminToken, project, Map.of()).get("keyString").asText();
        var onePerMinute = Map.of("service", "meter", "name", "requests-per-minute-per-project", "limit", 1);
        assertThat(http.patchJson("/admin/v1/projects/" + project + "/quotas", adminToken, Map.of("overrides", List.of(onePerMinute))).status())
                .isEqualTo(200);
        assertThat(http.patchJson("/admin/v1/projects/" + project + "/billing", adminToken, Map.of("enabled", false)).status()).isEqualTo(200);

        Http.Response refused = gateway.get("/meter/v1/paid/a?key=" + key);
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.body()).contains("BILLING_DISABLED");
        assertThat(gateway.get("/meter/v1/things/a?key=" + key).status()).as("the quota the refused call took was given back").isEqualTo(200);
        assertThat(gateway.get("/meter/v1/things/a?key=" + key).status()).isEqualTo(429);
        assertThat(awaitCallsByStatus(project, 3)).isEqualTo(Map.of(403, 1L, 200, 1L, 429, 1L));
    }

    private Map<Integer, Long> awaitCallsByStatus(String project, long total) throws InterruptedException {
        return UsageReads.awaitCallsByStatus(http, adminToken, project, total);
    }

    private Map<Integer, Long> callsByStatus(String project) {
        return UsageReads.callsByStatus(http, adminToken, project);
    }

    private JsonNode usage(String project, String groupBy) {
        return UsageReads.rows(http, adminToken, project, groupBy);
    }
}
