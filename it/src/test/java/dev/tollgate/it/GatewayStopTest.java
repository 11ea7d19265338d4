package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.tollgate.store.jdbc.TestDatabases;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A node that stops while a backend works on a call: killed, it leaves the call charged in the ledger
 * (status 0, no outcome, billed) — no call reaches a backend without a durable record; stopped with
 * SIGTERM, it drains its journal, says so in one line, and the ledger holds each call once.
 */
class GatewayStopTest {

    @Test
    void killedMidCallTheChargeIsInTheLedgerAndSigtermDrainsTheJournalOnce() throws Exception {
        var arrived = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        HttpServer backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        backend.createContext("/base/", ex -> {
            if (ex.getRequestURI().getPath().endsWith("/slow")) {
                arrived.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        backend.setExecutor(Executors.newCachedThreadPool());
        backend.start();
        Path data = Files.createTempDirectory("tollgate-stop-");
        Path catalog = Files.createTempFile("catalog", ".yaml");
        Files.writeString(catalog, """
                apis:
                  - name: slow
                    version: v1
                    title: Slow API
                    backend: http://127.0.0.1:%d/base
                    billing:
                      freeCallsPerMonth: 0
                    scopes:
                      - name: slow
                        description: Slow things
                    methods:
                      - id: slow.get
                        http: GET
                        path: /things/{thing}
                        access: either
                        scopes: [slow]
                        pricePer1000: "1000.00"
                """.formatted(backend.getAddress().getPort()));
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        // One port for all three starts: the issuer, and so the admin key file's audience, stays the same.
        List<String> serve = List.of("--port", Integer.toString(port), "--host", "127.0.0.1", "--data", data.toString(), "--config", catalog.toString());
        try {
            String project;
            String key;
            try (TollgateProcess first = TollgateProcess.startWith(serve, Map.of())) {
                Http http = new Http(first.baseUrl());
                String admin = KeyFiles.read(first.adminKeyFile()).accessToken(http, "admin");
                project = "stop-" + Long.toString(System.nanoTime(), 36);
                assertThat(http.postJson("/admin/v1/projects", admin, Map.of("projectId", project)).status()).isEqualTo(200);
                assertThat(http.postJson("/admin/v1/projects/" + project + "/services/slow/enable", admin, "").status()).isEqualTo(200);
                key = http.postJson("/admin/v1/projects/" + project + "/keys", admin, Map.of()).json().get("keyString").asText();
                assertThat(http.patchJson("/admin/v1/projects/" + project + "/billing", admin, Map.of("enabled", true)).status()).isEqualTo(200);
                CompletableFuture<HttpResponse<String>> inFlight = HttpClient.newHttpClient().sendAsync(
                        HttpRequest.newBuilder(URI.create(first.baseUrl() + "/slow/v1/things/slow?key=" + key)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(arrived.await(20, TimeUnit.SECONDS)).as("the backend got the call").isTrue();
                first.kill();
                assertThat(inFlight).failsWithin(Duration.ofSeconds(20));
            }
            release.countDown();

            TollgateProcess second = TollgateProcess.startWith(serve, Map.of());
            Http http = new Http(second.baseUrl());
            String admin = KeyFiles.read(second.adminKeyFile()).accessToken(http, "admin");
            assertThat(awaitCalls(http, admin, project, 1)).as("the charge written before forwarding").isEqualTo(Map.of(0, 1L));
            JsonNode statement = http.getWithToken("/admin/v1/projects/" + project + "/billing/statements/"
                    + java.time.YearMonth.now(java.time.ZoneOffset.UTC), admin).json();
            assertThat(statement.get("total").asText()).as("a call without outcome is billed: %s", statement).isEqualTo("1.00");

            assertThat(http.get("/slow/v1/things/fast?key=" + key).status()).isEqualTo(200);
            int status = second.stop();
            // 143 is 128 + SIGTERM: the JVM's status after its shutdown hooks ran.
            assertThat(status).as(second.output()).isIn(0, 143);
            assertThat(second.output().lines().filter(l -> l.contains("Tollgate stopped")).count()).as(second.output()).isEqualTo(1);
            assertThat(second.output()).doesNotContain("Exception");

            try (TollgateProcess third = TollgateProcess.startWith(serve, Map.of())) {
                Http again = new Http(third.baseUrl());
                String admin3 = KeyFiles.read(third.adminKeyFile()).accessToken(again, "admin");
                assertThat(awaitCalls(again, admin3, project, 2)).isEqualTo(Map.of(0, 1L, 200, 1L));
            }
        } finally {
            release.countDown();
            backend.stop(0);
        }
    }

    @Test
    void sigtermLetsACallInFlightOnTheApiPortFinishAndItsOutcomeIsInTheLedger() throws Exception {
        var arrived = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        HttpServer backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        backend.createContext("/base/", ex -> {
            arrived.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        backend.setExecutor(Executors.newCachedThreadPool());
        backend.start();
        Path data = Files.createTempDirectory("tollgate-stop-");
        Path catalog = Files.createTempFile("catalog", ".yaml");
        Files.writeString(catalog, """
                apis:
                  - name: slow
                    version: v1
                    title: Slow API
                    backend: http://127.0.0.1:%d/base
                    methods:
                      - id: slow.get
                        http: GET
                        path: /things/{thing}
                        access: simple
                """.formatted(backend.getAddress().getPort()));
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> serve = List.of("--port", Integer.toString(port), "--host", "127.0.0.1", "--data", data.toString(),
                "--config", catalog.toString(), "--api-port", "0");
        try {
            TollgateProcess first = TollgateProcess.startWith(serve, Map.of());
            Http http = new Http(first.baseUrl());
            String admin = KeyFiles.read(first.adminKeyFile()).accessToken(http, "admin");
            String project = "stop-" + Long.toString(System.nanoTime(), 36);
            assertThat(http.postJson("/admin/v1/projects", admin, Map.of("projectId", project)).status()).isEqualTo(200);
            assertThat(http.postJson("/admin/v1/projects/" + project + "/services/slow/enable", admin, "").status()).isEqualTo(200);
            String key = http.postJson("/admin/v1/projects/" + project + "/keys", admin, Map.of()).json().get("keyString").asText();
            URI api = URI.create(first.gatewayUrl());
            CompletableFuture<HttpResponse<String>> inFlight = HttpClient.newHttpClient().sendAsync(
                    HttpRequest.newBuilder(api.resolve("/slow/v1/things/slow?key=" + key)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(arrived.await(20, TimeUnit.SECONDS)).as("the backend got the call").isTrue();

            CompletableFuture<Integer> stopped = CompletableFuture.supplyAsync(() -> {
                try {
                    return first.stop();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitRefused(api);
            release.countDown();
            assertThat(inFlight.get(20, TimeUnit.SECONDS).statusCode()).as("the call in flight was let finish").isEqualTo(200);
            assertThat(stopped.get(30, TimeUnit.SECONDS)).as(first.output()).isIn(0, 143);
            assertThat(first.output()).doesNotContain("Exception");

            try (TollgateProcess second = TollgateProcess.startWith(serve, Map.of())) {
                Http again = new Http(second.baseUrl());
                String admin2 = KeyFiles.read(second.adminKeyFile()).accessToken(again, "admin");
                assertThat(awaitCalls(again, admin2, project, 1)).isEqualTo(Map.of(200, 1L));
            }
        } finally {
            release.countDown();
            backend.stop(0);
        }
    }

    /** Once stopping, the API port takes no new connection. */
    private static void awaitRefused(URI api) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (var probe = new java.net.Socket(api.getHost(), api.getPort())) {
                Thread.sleep(20);
            } catch (java.io.IOException refused) {
                return;
            }
        }
        throw new AssertionError("the API port still takes connections");
    }

    private static Map<Integer, Long> awaitCalls(Http http, String admin, String project, long total) throws InterruptedException {
        return UsageReads.awaitCallsByStatus(http, admin, project, total);
    }
}
