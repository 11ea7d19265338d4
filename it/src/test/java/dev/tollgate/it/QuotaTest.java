package dev.tollgate.it;

import static dev.tollgate.it.ApiKeyGatewayTest.assertGoogleError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Quotas: exact admission under concurrency, the 429 answer, per-user limits and overrides. */
class QuotaTest extends EndToEnd {

    private String projectWithCalendarAndKey() {
        String project = createProject(adminToken);
        enable(adminToken, project, "posts");
        enable(adminToken, project, "calendar");
        return project;
    }

    private void override(String project, String service, String name, Object limit) {
        var o = new java.util.HashMap<String, Object>();
        o.put("service", service);
        o.put("name", name);
        o.put("limit", limit);
        Http.Response r = http.patchJson("/admin/v1/projects/" + project + "/quotas", adminToken, Map.of("overrides", List.of(o)));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    @Test
    void inADayWindowAProjectGetsExactlyItsLimitUnderConcurrency() throws Exception {
        String project = projectWithCalendarAndKey();
        override(project, "posts", "requests-per-day-per-project", 137);
        String key = createKey(adminToken, project, Map.of()).get("keyString").asText();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                calls.add(pool.submit((Callable<Integer>) () -> gateway.get("/posts/v1/people/q@example.com/posts?key=" + key).status()));
            }
            int ok = 0;
            int limited = 0;
            for (Future<Integer> f : calls) {
                int status = f.get();
                if (status == 200) {
                    ok++;
                } else if (status == 429) {
                    limited++;
                }
            }
            assertThat(ok).isEqualTo(137);
            assertThat(limited).isEqualTo(63);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void overTheLimitTheAnswerIs429WithQuotaDetailsAndRetryAfter() {
        String project = projectWithCalendarAndKey();
        override(project, "posts", "requests-per-day-per-project", 2);
        String key = createKey(adminToken, project, Map.of()).get("keyString").asText();
        Http.Response first = gateway.get("/posts/v1/people/q@example.com/posts?key=" + key);
        assertThat(first.header("X-RateLimit-Limit")).isEqualTo("2");
        assertThat(first.header("X-RateLimit-Remaining")).isEqualTo("1");
        assertThat(gateway.get("/posts/v1/people/q@example.com/posts?key=" + key).header("X-RateLimit-Remaining")).isEqualTo("0");
        Http.Response refused = gateway.get("/posts/v1/people/q@example.com/posts?key=" + key);
        assertGoogleError(refused, 429, "RESOURCE_EXHAUSTED", "RATE_LIMIT_EXCEEDED");
        JsonNode metadata = refused.json().at("/error/details/0/metadata");
        assertThat(metadata.get("service").asText()).isEqualTo("posts");
        assertThat(metadata.get("consumer").asText()).startsWith("projects/");
        assertThat(metadata.get("quota_limit").asText()).isEqualTo("requests-per-day-per-project");
        assertThat(metadata.get("quota_limit_value").asText()).isEqualTo("2");
        assertThat(metadata.get("quota_metric").asText()).isEqualTo("posts/requests");
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        long secondsToMidnight = 86_400 - Instant.now().getEpochSecond() % 86_400;
        assertThat(retryAfter).isBetween(secondsToMidnight - 5, secondsToMidnight + 5);
    }

    @Test
    void aRefusedCallDoesNotUseUpTheOtherLimits() {
        String project = projectWithCalendarAndKey();
        override(project, "posts", "requests-per-minute-per-project", 3);
        override(project, "posts", "requests-per-day-per-project", 1000);
        String key = createKey(adminToken, project, Map.of()).get("keyString").asText();
        waitUntilEarlyInAMinute();
        int ok = 0;
        for (int i = 0; i < 6; i++) {
            if (gateway.get("/posts/v1/people/q@example.com/posts?key=" + key).status() == 200) {
                ok++;
            }
        }
        assertThat(ok).isEqualTo(3);
        JsonNode limits = http.getWithToken("/admin/v1/projects/" + project + "/quotas", adminToken).json().get("limits");
        assertThat(limits).anySatisfy(l -> {
            assertThat(l.get("service").asText()).isEqualTo("posts");
            assertThat(l.get("name").asText()).isEqualTo("requests-per-minute-per-project");
            assertThat(l.get("effectiveLimit").asLong()).isEqualTo(3);
            assertThat(l.get("defaultLimit").asLong()).isEqualTo(600);
            assertThat(l.get("window").asText()).isEqualTo("minute");
            assertThat(l.get("per").asText()).isEqualTo("project");
        });
    }

    @Test
    void perUserLimitsCountEachCallerSeparately() throws Exception {
        String project = projectWithCalendarAndKey();
        override(project, "calendar", "requests-per-minute-per-user", 2);
        String alice = createServiceAccount(adminToken, project, "alice-bot").accessToken(http, "calendar");
        String bob = createServiceAccount(adminToken, project, "bob-bot").accessToken(http, "calendar");
        waitUntilEarlyInAMinute();
        for (int i = 0; i < 2; i++) {
            assertThat(gateway.getWithToken("/calendar/v3/calendars/primary/events", alice).status()).isEqualTo(200);
        }
        assertThat(gateway.getWithToken("/calendar/v3/calendars/primary/events", alice).status()).isEqualTo(429);
        assertThat(gateway.getWithToken("/calendar/v3/calendars/primary/events", bob).status()).isEqualTo(200);
    }

    @Test
    void anOverrideTakesEffectAtOnceAndRemovingItRestoresTheCatalogLimit() {
        String project = projectWithCalendarAndKey();
        String key = createKey(adminToken, project, Map.of()).get("keyString").asText();
        assertThat(gateway.get("/posts/v1/people/q@example.com/posts?key=" + key).status()).isEqualTo(200);
        override(project, "posts", "requests-per-day-per-project", 0);
        assertThat(gateway.get("/posts/v1/people/q@example.com/posts?key=" + key).status()).isEqualTo(429);
        override(project, "posts", "requests-per-day-per-project", null);
        assertThat(gateway.get("/posts/v1/people/q@example.com/posts?key=" + key).status()).isEqualTo(200);
    }

    @Test
    void badOverridesAreRefusedAndChangeNothing() {
        String project = projectWithCalendarAndKey();
        String path = "/admin/v1/projects/" + project + "/quotas";
        for (Object body : List.of(Map.of(), Map.of("overrides", "x"), Map.of("overrides", List.of(Map.of("service", "nope", "name", "requests-per-day-per-project", "limit", 1))),
                Map.of("overrides", List.of(Map.of("service", "posts", "name", "requests-per-year", "limit", 1))),
                Map.of("overrides", List.of(Map.of("service", "posts", "name", "requests-per-day-per-project", "limit", -1))),
                Map.of("overrides", List.of(Map.of("service", "posts", "name", "requests-per-day-per-project", "limit", 1.5))),
                Map.of("overrides", List.of(Map.of("service", "posts", "name", "requests-per-day-per-project", "limit", 1, "x", 1))))) {
            assertThat(http.patchJson(path, adminToken, body).status()).as(body.toString()).isEqualTo(400);
        }
        assertThat(http.getWithToken(path, adminToken).json().get("limits")).allSatisfy(l ->
                assertThat(l.get("effectiveLimit").asLong()).isEqualTo(l.get("defaultLimit").asLong()));
    }

    /** Minute windows are clock-aligned; a test that counts within one starts early in it. */
    private static void waitUntilEarlyInAMinute() {
        long second = Instant.now().getEpochSecond() % 60;
        if (second > 45) {
            try {
                Thread.sleep((61 - second) * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
