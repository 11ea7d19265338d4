package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.store.jdbc.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * kill -9 under load, then a restart on the same data: the ledger holds every call whose answer a
 * client received, and at most the calls that were in flight besides. A call whose settlement the
 * kill lost is still there, charged under status 0 (no outcome).
 */
class LedgerCrashTest {
    private static final int CLIENTS = 8;

    @Test
    void afterSigkillUnderLoadTheLedgerHasEveryAnsweredCallAndAtMostTheInFlightOnesBesides() throws Exception {
        Path data = Files.createTempDirectory("tollgate-crash-");
        TollgateProcess first = TollgateProcess.start(TestDatabases.Kind.H2, data);
        Http http = new Http(first.baseUrl());
        String admin = KeyFiles.read(first.adminKeyFile()).accessToken(http, "admin");
        String project = "crash-" + Long.toString(System.nanoTime(), 36);
        assertThat(http.postJson("/admin/v1/projects", admin, Map.of("projectId", project)).status()).isEqualTo(200);
        assertThat(http.postJson("/admin/v1/projects/" + project + "/services/calendar/enable", admin, "").status()).isEqualTo(200);
        var unlimited = List.of(
                Map.of("service", "calendar", "name", "requests-per-minute-per-user", "limit", 1_000_000),
                Map.of("service", "calendar", "name", "requests-per-minute-per-project", "limit", 1_000_000));
        assertThat(http.patchJson("/admin/v1/projects/" + project + "/quotas", admin, Map.of("overrides", unlimited)).status()).isEqualTo(200);
        String token = KeyFiles.fromPrivateKeyData(serviceAccountKey(http, admin, project)).accessToken(http, "calendar");

        var answered = new AtomicLong();
        var stop = new AtomicBoolean();
        var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        List<Thread> load = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            Thread t = new Thread(() -> {
                var request = HttpRequest.newBuilder(URI.create(first.baseUrl() + "/calendar/v3/calendars/primary/events"))
                        .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(5)).GET().build();
                while (!stop.get()) {
                    try {
                        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 200) {
                            answered.incrementAndGet();
                        }
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            t.start();
            load.add(t);
        }
        Thread.sleep(3000);
        first.kill();
        stop.set(true);
        for (Thread t : load) {
            t.join(10_000);
        }
        assertThat(answered.get()).as("calls answered before the kill").isGreaterThan(50);

        try (TollgateProcess second = TollgateProcess.startWith(List.of("--port",
                Integer.toString(URI.create(first.baseUrl()).getPort()), "--host", "127.0.0.1", "--data", data.toString()), Map.of())) {
            Http again = new Http(second.baseUrl());
            String admin2 = KeyFiles.read(second.adminKeyFile()).accessToken(again, "admin");
            long ledger = 0;
            for (int i = 0; i < 100 && ledger < answered.get(); i++) {
                ledger = okCalls(again, admin2, project);
                Thread.sleep(100);
            }
            assertThat(ledger).as("ledger versus answers received (%d)", answered.get())
                    .isBetween(answered.get(), answered.get() + CLIENTS);
        }
    }

    private static String serviceAccountKey(Http http, String admin, String project) {
        String email = http.postJson("/admin/v1/projects/" + project + "/serviceAccounts", admin, Map.of("accountId", "crash-bot")).json().get("email").asText();
        return http.postJson("/admin/v1/projects/" + project + "/serviceAccounts/" + email + "/keys", admin, "").json().get("privateKeyData").asText();
    }

    private static long okCalls(Http http, String admin, String project) {
        String start = Instant.now().minus(1, ChronoUnit.DAYS).toString();
        String end = Instant.now().plus(1, ChronoUnit.DAYS).toString();
        JsonNode rows = http.getWithToken("/admin/v1/projects/" + project + "/usage?start=" + start + "&end=" + end + "&groupBy=status", admin)
                .json().get("rows");
        long ok = 0;
        for (JsonNode row : rows) {
            int status = row.get("status").asInt();
            if (status == 200 || status == 0) {
                ok += row.get("calls").asLong();
            }
        }
        return ok;
    }
}
