package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;

/** A project's usage as the admin API reports it, for tests that check what landed in the ledger. */
final class UsageReads {
    private UsageReads() {}

    /** The usage rows of the last and the next day, grouped by {@code groupBy}. */
    static JsonNode rows(Http http, String token, String project, String groupBy) {
        String start = Instant.now().minus(1, ChronoUnit.DAYS).toString();
        String end = Instant.now().plus(1, ChronoUnit.DAYS).toString();
        Http.Response r = http.getWithToken("/admin/v1/projects/" + project + "/usage?start=" + start + "&end=" + end + "&groupBy=" + groupBy, token);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("rows");
    }

    /** Calls per status. */
    static Map<Integer, Long> callsByStatus(Http http, String token, String project) {
        Map<Integer, Long> byStatus = new TreeMap<>();
        for (JsonNode row : rows(http, token, project, "status")) {
            byStatus.merge(row.get("status").asInt(), row.get("calls").asLong(), Long::sum);
        }
        return byStatus;
    }

    /** Calls per status once they are {@code expected} (a charge is counted under status 0 until its outcome lands), or after 20 s. */
    static Map<Integer, Long> awaitCallsByStatus(Http http, String token, String project, Map<Integer, Long> expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        Map<Integer, Long> byStatus = callsByStatus(http, token, project);
        while (!byStatus.equals(expected) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            byStatus = callsByStatus(http, token, project);
        }
        return byStatus;
    }

    /** Calls per status once at least {@code total} calls are in the ledger (the drain runs every second), or after 20 s. */
    static Map<Integer, Long> awaitCallsByStatus(Http http, String token, String project, long total) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        Map<Integer, Long> byStatus = callsByStatus(http, token, project);
        while (byStatus.values().stream().mapToLong(Long::longValue).sum() < total && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            byStatus = callsByStatus(http, token, project);
        }
        return byStatus;
    }
}
