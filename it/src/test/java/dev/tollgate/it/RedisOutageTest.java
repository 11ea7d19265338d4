package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tollgate.store.jdbc.TestDatabases;
import java.io.File;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Redis stopped and started again under load: the gateway keeps serving, and goes back to Redis by itself. */
class RedisOutageTest {

    private static boolean redisServerInstalled() {
        boolean found = new File("/usr/bin/redis-server").canExecute() || new File("/usr/local/bin/redis-server").canExecute();
        if (!found && TestDatabases.isCi()) {
            throw new IllegalStateException("CI=true but redis-server is not installed");
        }
        return found;
    }

    private static Process redis(int port) throws Exception {
        Process p = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        for (int i = 0; i < 50; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return p;
            } catch (Exception e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("redis-server did not start");
    }

    private static String scan(int port, String pattern) throws Exception {
        Process p = new ProcessBuilder("redis-cli", "-p", Integer.toString(port), "--scan", "--pattern", pattern).start();
        p.waitFor(10, TimeUnit.SECONDS);
        return new String(p.getInputStream().readAllBytes());
    }

    @Test
    void theGatewayKeepsServingWhileRedisIsDownAndUsesItAgainWhenItIsBack() throws Exception {
        assumeTrue(redisServerInstalled(), "redis-server is not installed");
        int port;
        try (var s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process redis = redis(port);
        try (TollgateProcess node = TollgateProcess.start(TestDatabases.Kind.H2, Files.createTempDirectory("tollgate-redis-"),
                "--redis", "redis://127.0.0.1:" + port)) {
            Http http = new Http(node.baseUrl());
            String admin = KeyFiles.read(node.adminKeyFile()).accessToken(http, "admin");
            String project = "ro-" + Long.toString(System.nanoTime(), 36);
            assertThat(http.postJson("/admin/v1/projects", admin, Map.of("projectId", project)).status()).isEqualTo(200);
            http.postJson("/admin/v1/projects/" + project + "/services/calendar/enable", admin, "");
            var unlimited = List.of(Map.of("service", "calendar", "name", "requests-per-minute-per-user", "limit", 1_000_000),
                    Map.of("service", "calendar", "name", "requests-per-minute-per-project", "limit", 1_000_000));
            http.patchJson("/admin/v1/projects/" + project + "/quotas", admin, Map.of("overrides", unlimited));
            String email = http.postJson("/admin/v1/projects/" + project + "/serviceAccounts", admin, Map.of("accountId", "outage-bot")).json().get("email").asText();
            String token = KeyFiles.fromPrivateKeyData(http.postJson("/admin/v1/projects/" + project + "/serviceAccounts/" + email + "/keys", admin, "")
                    .json().get("privateKeyData").asText()).accessToken(http, "calendar");

            var statuses = new ConcurrentHashMap<Integer, AtomicLong>();
            var stop = new AtomicBoolean();
            Thread load = new Thread(() -> {
                while (!stop.get()) {
                    int s = http.getWithToken("/calendar/v3/calendars/primary/events", token).status();
                    statuses.computeIfAbsent(s, k -> new AtomicLong()).incrementAndGet();
                }
            });
            load.start();
            Thread.sleep(1000);
            assertThat(scan(port, "*" + project + "*")).as("counters live in Redis").isNotBlank();
            redis.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            long beforeOutage = statuses.getOrDefault(200, new AtomicLong()).get();
            Thread.sleep(2500);
            long duringOutage = statuses.getOrDefault(200, new AtomicLong()).get() - beforeOutage;
            redis = redis(port);
            Thread.sleep(4000);
            stop.set(true);
            load.join(10_000);

            assertThat(duringOutage).as("calls served while Redis was down").isGreaterThan(10);
            assertThat(statuses.keySet()).as("statuses seen: %s", statuses).containsOnly(200);
            assertThat(scan(port, "*" + project + "*")).as("counters back in Redis after it returned").isNotBlank();
        } finally {
            redis.destroyForcibly();
        }
    }
}
