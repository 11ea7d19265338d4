package dev.tollgate.it;

import static dev.tollgate.it.ApiKeyGatewayTest.assertGoogleError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Every charged call lands in the ledger; usage and statements are read from it; billing gates paid methods. */
class AccountingTest extends EndToEnd {

    @Override
    protected String[] extraServeArgs() throws IOException {
        // The built-in posts backend, priced so that a few calls make a statement: 3 free calls a month, 10.00 per 1000.
        Path catalog = Files.createTempFile("accounting", ".yaml");
        Files.writeString(catalog, """
                apis:
                  - name: posts
                    version: v1
                    title: Posts API
                    backend: builtin:posts
                    scopes:
                      - name: posts
                        description: See, edit, create and delete your posts
                    billing:
                      freeCallsPerMonth: 3
                    methods:
                      - id: posts.people.posts.list
                        http: GET
                        path: /people/{userId}/posts
                        access: either
                        scopes: [posts]
                        pricePer1000: "10.00"
                      - id: posts.posts.get
                        http: GET
                        path: /posts/{postId}
                        access: either
                        scopes: [posts]
                """);
        return new String[] {"--config", catalog.toString()};
    }

    private String projectWithKey(String project) {
        enable(adminToken, project, "posts");
        return createKey(adminToken, project, Map.of()).get("keyString").asText();
    }

    /** The ledger fills within about a second of the calls; read it until it shows what was asked. */
    private JsonNode usageWhen(String project, String groupBy, Predicate<JsonNode> done) throws InterruptedException {
        String start = Instant.now().truncatedTo(ChronoUnit.DAYS).toString();
        String end = Instant.now().plus(1, ChronoUnit.DAYS).toString();
        JsonNode rows = null;
        for (int i = 0; i < 100; i++) {
            Http.Response r = http.getWithToken("/admin/v1/projects/" + project + "/usage?start=" + start + "&end=" + end + "&groupBy=" + groupBy, adminToken);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            rows = r.json().get("rows");
            if (done.test(rows)) {
                return rows;
            }
            Thread.sleep(100);
        }
        return rows;
    }

    private static long calls(JsonNode rows, String method, int status) {
        long n = 0;
        for (JsonNode row : rows) {
            if (row.get("method").asText().equals(method) && row.get("status").asInt() == status) {
                n += row.get("calls").asLong();
            }
        }
        return n;
    }

    @Test
    void everyChargedCallIsInTheLedgerWithItsStatusAdmittedOrNot() throws Exception {
        String project = createProject(adminToken);
        String key = projectWithKey(project);
        var o = new HashMap<String, Object>(Map.of("service", "posts", "name", "requests-per-day-per-project", "limit", 6));
        assertThat(http.patchJson("/admin/v1/projects/" + project + "/quotas", adminToken, Map.of("overrides", List.of(o))).status()).isEqualTo(200);
        for (int i = 0; i < 2; i++) {
            assertThat(http.get("/posts/v1/people/a@example.com/posts?key=" + key).status()).isEqualTo(200);
        }
        for (int i = 0; i < 4; i++) {
            assertThat(http.get("/posts/v1/posts/nope" + i + "?key=" + key).status()).isEqualTo(404);
        }
        assertThat(http.get("/posts/v1/posts/over?key=" + key).status()).isEqualTo(429);
        assertThat(http.get("/posts/v1/posts/bad?key=tgk_notakey").status()).isEqualTo(400);

        JsonNode rows = usageWhen(project, "service,method,status", r -> calls(r, "posts.posts.get", 429) == 1);
        assertThat(calls(rows, "posts.people.posts.list", 200)).isEqualTo(2);
        assertThat(calls(rows, "posts.posts.get", 404)).isEqualTo(4);
        assertThat(calls(rows, "posts.posts.get", 429)).isEqualTo(1);
        assertThat(rows).allSatisfy(r -> assertThat(r.get("service").asText()).isEqualTo("posts"));

        JsonNode total = usageWhen(project, "", r -> r.size() == 1 && r.get(0).get("calls").asLong() == 7);
        assertThat(total.get(0).get("calls").asLong()).isEqualTo(7);
    }

    @Test
    void usageGroupedByCredentialTellsKeysAndServiceAccountsApartWithLatencyPercentiles() throws Exception {
        String project = createProject(adminToken);
        enable(adminToken, project, "posts");
        JsonNode keyA = createKey(adminToken, project, Map.of("displayName", "a"));
        JsonNode keyB = createKey(adminToken, project, Map.of("displayName", "b"));
        KeyFiles.KeyFile robot = createServiceAccount(adminToken, project, "usage-bot");
        String robotToken = robot.accessToken(http, "posts");
        for (int i = 0; i < 3; i++) {
            assertThat(http.get("/posts/v1/posts/a" + i + "?key=" + keyA.get("keyString").asText()).status()).isEqualTo(404);
        }
        for (int i = 0; i < 2; i++) {
            assertThat(http.get("/posts/v1/posts/b" + i + "?key=" + keyB.get("keyString").asText()).status()).isEqualTo(404);
            assertThat(http.getWithToken("/posts/v1/posts/r" + i, robotToken).status()).isEqualTo(404);
        }

        JsonNode rows = usageWhen(project, "credential", r -> total(r) == 7);
        assertThat(rows).extracting(r -> r.get("credential").get("kind").asText(), r -> r.get("credential").get("id").asText(),
                        r -> r.get("calls").asLong())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("key", keyA.get("keyId").asText(), 3L),
                        org.assertj.core.groups.Tuple.tuple("key", keyB.get("keyId").asText(), 2L),
                        org.assertj.core.groups.Tuple.tuple("serviceAccount", robot.email(), 2L));
        for (JsonNode row : rows) {
            JsonNode latency = row.get("latencyMillis");
            assertThat(latency.get("p50").decimalValue()).as(row.toString()).isPositive();
            assertThat(latency.get("p50").decimalValue()).isLessThanOrEqualTo(latency.get("p95").decimalValue());
            assertThat(latency.get("p95").decimalValue()).isLessThanOrEqualTo(latency.get("p99").decimalValue());
            assertThat(row.has("method")).as("only the fields asked for").isFalse();
        }
        JsonNode byStatus = usageWhen(project, "status,credential", r -> total(r) == 7);
        assertThat(byStatus).extracting(r -> r.get("status").asInt()).containsOnly(404);
        assertThat(byStatus).hasSize(3);
    }

    private static long total(JsonNode rows) {
        long n = 0;
        for (JsonNode row : rows) {
            n += row.get("calls").asLong();
        }
        return n;
    }

    @Test
    void statementIsComputedFromTheLedgerAndItsLinesAddUpToTheTotal() throws Exception {
        String project = createProject(adminToken);
        String key = projectWithKey(project);
        assertThat(http.patchJson("/admin/v1/projects/" + project + "/billing", adminToken, Map.of("enabled", true)).status()).isEqualTo(200);
        for (int i = 0; i < 8; i++) {
            assertThat(http.get("/posts/v1/people/b@example.com/posts?key=" + key).status()).isEqualTo(200);
        }
        usageWhen(project, "method,status", r -> calls(r, "posts.people.posts.list", 200) == 8);
        String month = YearMonth.now(ZoneOffset.UTC).toString();
        JsonNode statement = http.getWithToken("/admin/v1/projects/" + project + "/billing/statements/" + month, adminToken).json();
        assertThat(statement.get("projectId").asText()).isEqualTo(project);
        assertThat(statement.get("month").asText()).isEqualTo(month);
        assertThat(statement.get("currency").asText()).isEqualTo("USD");
        JsonNode line = statement.get("lines").get(0);
        assertThat(line.get("method").asText()).isEqualTo("posts.people.posts.list");
        assertThat(line.get("calls").asLong()).isEqualTo(8);
        assertThat(line.get("billableCalls").asLong()).isEqualTo(8);
        assertThat(line.get("unitPricePer1000").asText()).isEqualTo("10.00");
        assertThat(line.get("amount").asText()).isEqualTo("0.05");
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode l : statement.get("lines")) {
            sum = sum.add(new BigDecimal(l.get("amount").asText()));
        }
        assertThat(new BigDecimal(statement.get("total").asText())).isEqualByComparingTo(sum);

        Http.Response csv = http.send(http.request("/admin/v1/projects/" + project + "/billing/statements/" + month)
                .header("Authorization", "Bearer " + adminToken).header("Accept", "text/csv").GET());
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.body()).startsWith("service,method,calls,billableCalls,freeCalls,unitPricePer1000,amount\r\n")
                .contains("posts,posts.people.posts.list,8,8,3,10.00,0.05\r\n").contains("total,,,,,,0.05");
        assertThat(http.getWithToken("/admin/v1/projects/" + project + "/billing/statements/2026-13", adminToken).status()).isEqualTo(400);
    }

    @Test
    void withBillingDisabledPaidCallsStopWhenTheFreeCallsAreUsedUp() throws Exception {
        String project = createProject(adminToken);
        String key = projectWithKey(project);
        for (int i = 0; i < 3; i++) {
            assertThat(http.get("/posts/v1/people/c@example.com/posts?key=" + key).status()).isEqualTo(200);
        }
        Http.Response refused = null;
        for (int i = 0; i < 100 && (refused == null || refused.status() != 403); i++) {
            refused = http.get("/posts/v1/people/c@example.com/posts?key=" + key);
            Thread.sleep(200);
        }
        assertGoogleError(refused, 403, "PERMISSION_DENIED", "BILLING_DISABLED");
        // Free methods go on working.
        assertThat(http.get("/posts/v1/posts/free?key=" + key).status()).isEqualTo(404);
        assertThat(http.patchJson("/admin/v1/projects/" + project + "/billing", adminToken, Map.of("enabled", true)).status()).isEqualTo(200);
        assertThat(http.get("/posts/v1/people/c@example.com/posts?key=" + key).status()).isEqualTo(200);
    }

    @Test
    void aReachedBudgetStopsPaidCalls() throws Exception {
        String project = createProject(adminToken);
        String key = projectWithKey(project);
        Http.Response set = http.patchJson("/admin/v1/projects/" + project + "/billing", adminToken, Map.of("enabled", true, "monthlyBudget", "0.02"));
        assertThat(set.json().get("monthlyBudget").asText()).isEqualTo("0.02");
        Http.Response last = null;
        int ok = 0;
        for (int i = 0; i < 200 && (last == null || last.status() != 403); i++) {
            last = http.get("/posts/v1/people/d@example.com/posts?key=" + key);
            if (last.status() == 200) {
                ok++;
            }
            Thread.sleep(50);
        }
        assertGoogleError(last, 403, "PERMISSION_DENIED", "BILLING_DISABLED");
        // 3 free calls, then 2 at 0.01 reach the budget; the gate learns it from the ledger within seconds.
        assertThat(ok).isGreaterThanOrEqualTo(5);
        for (Object bad : List.of(Map.of("monthlyBudget", "-1"), Map.of("monthlyBudget", 5), Map.of("monthlyBudget", "1e3"), Map.of("enabled", "yes"))) {
            assertThat(http.patchJson("/admin/v1/projects/" + project + "/billing", adminToken, bad).status()).as(bad.toString()).isEqualTo(400);
        }
    }

    @Test
    void usageRefusesBadRanges() {
        String project = createProject(adminToken);
        String base = "/admin/v1/projects/" + project + "/usage";
        assertThat(http.getWithToken(base, adminToken).status()).isEqualTo(400);
        assertThat(http.getWithToken(base + "?start=yesterday&end=today", adminToken).status()).isEqualTo(400);
        assertThat(http.getWithToken(base + "?start=2026-11-02T00:00:00Z&end=2026-11-01T00:00:00Z", adminToken).status()).isEqualTo(400);
        assertThat(http.getWithToken(base + "?start=2026-11-01T00:00:00Z&end=2026-11-02T00:00:00Z&groupBy=color", adminToken).status()).isEqualTo(400);
    }
}
