package dev.tollgate.store.redis;

import static dev.tollgate.core.counter.QuotaCounters.REFUSED;
import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.condition.EnabledIf;

/** Two nodes, each with its own Redis client, share counters in the test Redis. */
@EnabledIf("dev.tollgate.store.redis.TestRedis#reachable")
class RedisQuotaCountersTest {
    private static final Duration MARGIN = Duration.ofSeconds(10);
    private static final String PREFIX = TestRedis.RUN + "quota:";

    private static RedisConnector nodeA;
    private static RedisConnector nodeB;
    private static RedisQuotaCounters countersA;
    private static RedisQuotaCounters countersB;
    private static RedisClient inspector;
    private static StatefulRedisConnection<String, String> inspection;
    private static RedisCommands<String, String> redis;

    private String key;

    @BeforeAll
    static void connect() {
        // Generous: these tests are about counting, and a loaded machine may answer slowly.
        nodeA = RedisConnector.create(TestRedis.url(), Duration.ofSeconds(5));
        nodeB = RedisConnector.create(TestRedis.url(), Duration.ofSeconds(5));
        countersA = new RedisQuotaCounters(nodeA, PREFIX, MARGIN);
        countersB = new RedisQuotaCounters(nodeB, PREFIX, MARGIN);
        inspector = RedisClient.create(TestRedis.url());
        inspection = inspector.connect();
        redis = inspection.sync();
    }

    @AfterAll
    static void disconnect() {
        if (redis != null) {
            List<String> keys = redis.keys(PREFIX + "*");
            if (!keys.isEmpty()) {
                redis.del(keys.toArray(String[]::new));
            }
            inspection.close();
            inspector.shutdown();
            countersA.close();
            countersB.close();
            nodeA.close();
            nodeB.close();
        }
    }

    @BeforeEach
    void nameTheCounter(TestInfo test) {
        key = "project:" + test.getTestMethod().orElseThrow().getName();
    }

    @Test
    void eightThreadsOnTwoNodesGetExactlyTheLimitBetweenThem() throws Exception {
        long limit = 1234;
        Instant windowEnd = Instant.now().plusSeconds(60);
        AtomicInteger admitted = new AtomicInteger();
        Set<Long> leftValues = ConcurrentHashMap.newKeySet();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            RedisQuotaCounters node = t % 2 == 0 ? countersA : countersB;
            done.add(threads.submit(() -> {
                start.await();
                for (int i = 0; i < 1000; i++) {
                    long left = node.tryAcquire(key, 1, limit, windowEnd);
                    if (left != REFUSED) {
                        admitted.incrementAndGet();
                        leftValues.add(left);
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        threads.shutdown();

        assertThat(admitted).hasValue(1234);
        assertThat(leftValues).hasSize(1234).allSatisfy(left -> assertThat(left).isBetween(0L, 1233L));
        assertThat(redis.get(PREFIX + key)).isEqualTo("1234");
    }

    @Test
    void aCallCostingSeveralUnitsIsAdmittedWholeOrRefusedWithoutCounting() {
        Instant windowEnd = Instant.now().plusSeconds(60);
        assertThat(countersA.tryAcquire(key, 4, 10, windowEnd)).isEqualTo(6);
        assertThat(countersB.tryAcquire(key, 4, 10, windowEnd)).isEqualTo(2);
        assertThat(countersA.tryAcquire(key, 4, 10, windowEnd)).isEqualTo(REFUSED);
        assertThat(redis.get(PREFIX + key)).isEqualTo("8");
        assertThat(countersB.tryAcquire(key, 2, 10, windowEnd)).isEqualTo(0);
        assertThat(countersA.tryAcquire(key, 1, 10, windowEnd)).isEqualTo(REFUSED);
        assertThat(redis.get(PREFIX + key)).isEqualTo("10");
    }

    @Test
    void aCostAboveTheLimitIsRefusedAndLeavesNoCounter() {
        assertThat(countersA.tryAcquire(key, 11, 10, Instant.now().plusSeconds(60))).isEqualTo(REFUSED);
        assertThat(redis.exists(PREFIX + key)).isZero();
    }

    @Test
    void releaseGivesTheCostBackToEveryNode() {
        Instant windowEnd = Instant.now().plusSeconds(60);
        assertThat(countersA.tryAcquire(key, 5, 5, windowEnd)).isEqualTo(0);
        assertThat(countersB.tryAcquire(key, 1, 5, windowEnd)).isEqualTo(REFUSED);

        countersA.release(key, 3);

        assertThat(countersB.tryAcquire(key, 3, 5, windowEnd)).isEqualTo(0);
        assertThat(countersA.tryAcquire(key, 1, 5, windowEnd)).isEqualTo(REFUSED);
    }

    @Test
    void releasingACounterThatExpiredLeavesNoCounterBehind() {
        countersA.release(key, 3);
        assertThat(redis.exists(PREFIX + key)).isZero();
    }

    @Test
    void aCounterExpiresAtTheEndOfItsWindowPlusTheMargin() {
        Instant windowEnd = Instant.now().plusSeconds(60);
        countersA.tryAcquire(key, 1, 10, windowEnd);
        countersB.tryAcquire(key, 1, 10, windowEnd);

        long expected = Duration.between(Instant.now(), windowEnd.plus(MARGIN)).toMillis();
        assertThat(redis.pttl(PREFIX + key)).isBetween(expected - 1000, expected + 50);
    }

    @Test
    void aWindowThatEndedStartsAgainFromZero() {
        try (RedisQuotaCounters noMargin = new RedisQuotaCounters(nodeA, PREFIX, Duration.ZERO)) {
            Instant windowEnd = Instant.now().plusMillis(300);
            assertThat(noMargin.tryAcquire(key, 2, 2, windowEnd)).isEqualTo(0);
            assertThat(noMargin.tryAcquire(key, 1, 2, windowEnd)).isEqualTo(REFUSED);

            PrivateRedisServer.sleep(Math.max(0, Duration.between(Instant.now(), windowEnd).toMillis()) + 20);

            assertThat(redis.exists(PREFIX + key)).isZero();
            assertThat(noMargin.tryAcquire(key, 2, 2, windowEnd.plusSeconds(60))).isEqualTo(0);
        }
    }

    @Test
    void aRedisThatForgotTheScriptsIsGivenThemAgain() throws Exception {
        try (PrivateRedisServer server = PrivateRedisServer.start();
             RedisConnector connector = RedisConnector.create(server.url(), Duration.ofSeconds(5));
             RedisQuotaCounters counters = new RedisQuotaCounters(connector)) {
            assertThat(counters.tryAcquire(key, 1, 3, Instant.now().plusSeconds(60))).isEqualTo(2);
            RedisClient client = RedisClient.create(server.url());
            try (StatefulRedisConnection<String, String> c = client.connect()) {
                c.sync().scriptFlush();
            } finally {
                client.shutdown();
            }

            assertThat(counters.tryAcquire(key, 1, 3, Instant.now().plusSeconds(60))).isEqualTo(1);
        }
    }
}
