package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.store.jdbc.TestDatabases;
import java.net.Socket;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Two `tollgate serve` processes on one PostgreSQL and one Redis behave as one. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiNodeTest {
    static final String REDIS_HOST = System.getenv().getOrDefault("TOLLGATE_TEST_REDIS", "127.0.0.1:6379");

    private TollgateProcess a;
    private TollgateProcess b;
    private Http httpA;
    private Http httpB;
    private String admin;

    static boolean redisAvailable() {
        String[] hostPort = REDIS_HOST.split(":");
        try (Socket s = new Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
            return true;
        } catch (Exception e) {
            if (TestDatabases.isCi()) {
                throw new IllegalStateException("CI=true but Redis is not reachable at " + REDIS_HOST, e);
            }
            return false;
        }
    }

    @BeforeAll
    void twoNodes() throws Exception {
        assumeTrue(TestDatabases.postgresAvailable(), "PostgreSQL is not reachable");
        assumeTrue(redisAvailable(), "Redis is not reachable");
        db = TestDatabases.newPostgresDatabase();
        a = node(db);
        b = node(db);
        httpA = new Http(a.baseUrl());
        httpB = new Http(b.baseUrl());
        admin = KeyFiles.read(a.adminKeyFile()).accessToken(httpA, "admin");
    }

    /** Every node of a shared database is given the same master key. */
    private static final String MASTER_KEY = dev.tollgate.core.secret.MasterKey.generate().encoded();
    private String db;

    private static TollgateProcess node(String db) throws Exception {
        return TollgateProcess.startWith(List.of("--port", "0", "--host", "127.0.0.1", "--data", Files.createTempDirectory("tollgate-node-").toString(),
                "--db", db, "--db-user", TestDatabases.PG_USER, "--redis", "redis://" + REDIS_HOST), Map.of("TOLLGATE_MASTER_KEY", MASTER_KEY));
    }

    @Test
    void aNodeWithAnotherMasterKeyIsRefusedAtStart() throws Exception {
        TollgateProcess.Exited exited = TollgateProcess.runToExit(List.of("--port", "0", "--host", "127.0.0.1",
                "--data", Files.createTempDirectory("tollgate-node-").toString(), "--db", db, "--db-user", TestDatabases.PG_USER,
                "--redis", "redis://" + REDIS_HOST));
        assertThat(exited.code()).isNotZero();
        assertThat(exited.output()).contains("tollgate: The master key is not the one").doesNotContain("Exception");
    }

    @AfterAll
    void stop() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    private String project() {
        String id = "mn-" + Long.toString(System.nanoTime(), 36);
        assertThat(httpA.postJson("/admin/v1/projects", admin, Map.of("projectId", id)).status()).isEqualTo(200);
        assertThat(httpA.postJson("/admin/v1/projects/" + id + "/services/posts/enable", admin, "").status()).isEqualTo(200);
        return id;
    }

    @Test
    void aKeyDeletedOnOneNodeIsRefusedOnTheOtherWithinOneSecond() throws Exception {
        String project = project();
        JsonNode key = httpA.postJson("/admin/v1/projects/" + project + "/keys", admin, Map.of()).json();
        String keyString = key.get("keyString").asText();
        assertThat(httpB.get("/posts/v1/people/x@example.com/posts?key=" + keyString).status()).isEqualTo(200);
        assertThat(httpA.delete("/admin/v1/projects/" + project + "/keys/" + key.get("keyId").asText(), admin).status()).isEqualTo(200);
        long deleted = System.nanoTime();
        int status = 200;
        while (status == 200 && System.nanoTime() - deleted < 3_000_000_000L) {
            status = httpB.get("/posts/v1/people/x@example.com/posts?key=" + keyString).status();
        }
        long millis = (System.nanoTime() - deleted) / 1_000_000;
        assertThat(status).isEqualTo(400);
        assertThat(millis).as("refused on the other node after %d ms", millis).isLessThanOrEqualTo(1000);
    }

    @Test
    void aQuotaIsSharedExactlyAcrossNodes() throws Exception {
        String project = project();
        var o = Map.<String, Object>of("service", "posts", "name", "requests-per-day-per-project", "limit", 100);
        assertThat(httpB.patchJson("/admin/v1/projects/" + project + "/quotas", admin, Map.of("overrides", List.of(o))).status()).isEqualTo(200);
        String key = httpA.postJson("/admin/v1/projects/" + project + "/keys", admin, Map.of()).json().get("keyString").asText();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 160; i++) {
            Http node = i % 2 == 0 ? httpA : httpB;
            calls.add(pool.submit(() -> node.get("/posts/v1/people/y@example.com/posts?key=" + key).status()));
        }
        int ok = 0;
        int limited = 0;
        for (Future<Integer> f : calls) {
            int s = f.get();
            ok += s == 200 ? 1 : 0;
            limited += s == 429 ? 1 : 0;
        }
        pool.shutdown();
        assertThat(ok).isEqualTo(100);
        assertThat(limited).isEqualTo(60);

        String start = Instant.now().minus(1, ChronoUnit.DAYS).toString();
        String end = Instant.now().plus(1, ChronoUnit.DAYS).toString();
        long inLedger = 0;
        for (int i = 0; i < 100 && inLedger < 160; i++) {
            JsonNode rows = httpB.getWithToken("/admin/v1/projects/" + project + "/usage?start=" + start + "&end=" + end, admin).json().get("rows");
            inLedger = rows.size() == 0 ? 0 : rows.get(0).get("calls").asLong();
            Thread.sleep(100);
        }
        assertThat(inLedger).as("calls of both nodes' journals in the one ledger").isEqualTo(160);
    }

    /**
     * Access tokens are not stored: one minted on A is read by B from the token itself, and its
     * revocation on A reaches B through Redis and a node started later through the database.
     */
    @Test
    void aTokenRevokedOnOneNodeIsRefusedOnTheOtherWithinOneSecondAndByANodeStartedLater() throws Exception {
        String project = project();
        Http.Response account = httpA.postJson("/admin/v1/projects/" + project + "/serviceAccounts", admin, Map.of("accountId", "robot-one"));
        assertThat(account.status()).as(account.toString()).isEqualTo(200);
        String email = account.json().get("email").asText();
        Http.Response key = httpA.postJson("/admin/v1/projects/" + project + "/serviceAccounts/" + email + "/keys", admin, "");
        assertThat(key.status()).as(key.toString()).isEqualTo(200);
        KeyFiles.KeyFile robot = KeyFiles.fromPrivateKeyData(key.json().get("privateKeyData").asText());
        String revoked = robot.accessToken(httpA, "posts");
        String kept = robot.accessToken(httpA, "posts");
        String path = "/posts/v1/people/x@example.com/posts";
        assertThat(httpB.getWithToken(path, revoked).status()).isEqualTo(200);

        assertThat(httpA.postForm("/revoke", Map.of("token", revoked)).status()).isEqualTo(200);
        long at = System.nanoTime();
        int status = 200;
        while (status == 200 && System.nanoTime() - at < 3_000_000_000L) {
            status = httpB.getWithToken(path, revoked).status();
        }
        long millis = (System.nanoTime() - at) / 1_000_000;
        assertThat(status).isEqualTo(401);
        assertThat(millis).as("refused on the other node after %d ms", millis).isLessThanOrEqualTo(1000);
        assertThat(httpB.getWithToken(path, kept).status()).as("only the revoked token ends").isEqualTo(200);

        try (TollgateProcess later = node(db)) {
            Http httpC = new Http(later.baseUrl());
            assertThat(httpC.getWithToken(path, revoked).status()).isEqualTo(401);
            assertThat(httpC.getWithToken(path, kept).status()).isEqualTo(200);
        }
    }
}
