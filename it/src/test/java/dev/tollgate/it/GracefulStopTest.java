package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.store.jdbc.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM, as a service manager stops a node: the node drains its journal into the ledger, closes
 * its connections, says so in one line and exits; started again, the ledger holds the call once.
 */
class GracefulStopTest {

    @Test
    void sigtermDrainsTheJournalAndTheLedgerHoldsTheCallOnceAfterARestart() throws Exception {
        Path data = Files.createTempDirectory("tollgate-stop-");
        TollgateProcess first = TollgateProcess.start(TestDatabases.Kind.H2, data);
        Http http = new Http(first.baseUrl());
        String admin = KeyFiles.read(first.adminKeyFile()).accessToken(http, "admin");
        String project = "stop-" + Long.toString(System.nanoTime(), 36);
        assertThat(http.postJson("/admin/v1/projects", admin, Map.of("projectId", project)).status()).isEqualTo(200);
        assertThat(http.postJson("/admin/v1/projects/" + project + "/services/posts/enable", admin, "").status()).isEqualTo(200);
        String key = http.postJson("/admin/v1/projects/" + project + "/keys", admin, Map.of()).json().get("keyString").asText();
        assertThat(http.get("/posts/v1/people/someone@example.com/posts?key=" + key).status()).isEqualTo(200);

        int status = first.stop();
        // 143 is 128 + SIGTERM: the JVM's status after its shutdown hooks ran.
        assertThat(status).as(first.output()).isIn(0, 143);
        assertThat(first.output().lines().filter(l -> l.contains("Tollgate stopped")).count()).as(first.output()).isEqualTo(1);
        assertThat(first.output()).doesNotContain("Exception");

        try (TollgateProcess second = TollgateProcess.startWith(List.of("--port", "0", "--host", "127.0.0.1", "--data", data.toString()), Map.of())) {
            Http again = new Http(second.baseUrl());
            String admin2 = KeyFiles.read(second.adminKeyFile()).accessToken(again, "admin");
            // Read twice, a drain interval apart: a record drained again on the restart would show as a second call.
            assertThat(okCalls(again, admin2, project)).isEqualTo(1);
            Thread.sleep(1500);
            assertThat(okCalls(again, admin2, project)).isEqualTo(1);
        }
    }

    private static long okCalls(Http http, String admin, String project) {
        String start = Instant.now().minus(1, ChronoUnit.DAYS).toString();
        String end = Instant.now().plus(1, ChronoUnit.DAYS).toString();
        JsonNode rows = http.getWithToken("/admin/v1/projects/" + project + "/usage?start=" + start + "&end=" + end + "&groupBy=status", admin)
                .json().get("rows");
        long ok = 0;
        for (JsonNode row : rows) {
            if (row.get("status").asInt() == 200) {
                ok += row.get("calls").asLong();
            }
        }
        return ok;
    }
}
