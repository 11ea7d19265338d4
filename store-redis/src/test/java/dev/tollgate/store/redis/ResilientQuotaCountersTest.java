package dev.tollgate.store.redis;

import static dev.tollgate.core.counter.QuotaCounters.REFUSED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import ch.qos.logback.classic.Level;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each test has a redis-server of its own, to stop, start again or pause. */
class ResilientQuotaCountersTest {
    // Longer than the production default: a loaded test machine must not look like a failing Redis.
    private static final Duration COMMAND_TIMEOUT = Duration.ofMillis(1000);
    private static final Duration RETRY_EVERY = Duration.ofMillis(200);
    private static final String KEY = "project:p:minute";

    private PrivateRedisServer server;
    private RedisConnector connector;
    private RedisQuotaCounters redis;
    private final Instant windowEnd = Instant.now().plusSeconds(120);

    @BeforeEach
    void startRedis() throws IOException {
        server = PrivateRedisServer.start();
        connector = RedisConnector.create(server.url(), COMMAND_TIMEOUT);
        redis = new RedisQuotaCounters(connector, "q:", Duration.ofSeconds(10));
    }

    @AfterEach
    void stopRedis() throws Exception {
        if (server != null) {
            redis.close();
            connector.close();
            server.close();
        }
    }

    @Test
    void whileRedisAnswersEveryCallIsCountedThere() {
        try (ResilientQuotaCounters counters = new ResilientQuotaCounters(redis, 1.0, RETRY_EVERY, Clock.systemUTC())) {
            assertThat(counters.tryAcquire(KEY, 3, 10, windowEnd)).isEqualTo(7);
            counters.release(KEY, 1);

            assertThat(counters.usingRedis()).isTrue();
            assertThat(counters.locallyAdmittedCalls()).isZero();
            assertThat(valueInRedis()).isEqualTo("2");
        }
    }

    @Test
    void whenRedisStopsTheNodeCountsOnItsOwnFromWhatItLastSawAndSwitchesBackByItself() throws Exception {
        try (LogCapture log = new LogCapture(ResilientQuotaCounters.class);
             ResilientQuotaCounters counters = new ResilientQuotaCounters(redis, 1.0, RETRY_EVERY, Clock.systemUTC())) {
            for (int i = 0; i < 3; i++) {
                counters.tryAcquire(KEY, 1, 10, windowEnd);
            }

            server.stop();
            long start = System.nanoTime();
            assertThat(counters.tryAcquire(KEY, 1, 10, windowEnd)).isEqualTo(6);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(COMMAND_TIMEOUT.plusMillis(2000));
            assertThat(counters.usingRedis()).isFalse();
            assertThat(admitAll(counters, 10)).isEqualTo(6);
            assertThat(counters.locallyAdmittedCalls()).isEqualTo(7);
            assertThat(log.at(Level.WARN)).singleElement().asString().contains("does not answer", "limit × 1.0");

            server.startAgain();
            await(counters::usingRedis, Duration.ofSeconds(5));

            // This Redis lost its data: it now holds what the node admitted alone.
            assertThat(valueInRedis()).isEqualTo("7");
            assertThat(counters.tryAcquire(KEY, 1, 10, windowEnd)).isEqualTo(2);
            assertThat(log.at(Level.WARN)).hasSize(1);
            assertThat(log.at(Level.INFO)).singleElement().asString().contains("answers again", "7 calls");
        }
    }

    @Test
    void whenRedisIsTooSlowTheNodeCountsOnItsOwnAndHandsItsUsageOverWhenRedisAnswers() throws Exception {
        try (ResilientQuotaCounters counters = new ResilientQuotaCounters(redis, 1.0, RETRY_EVERY, Clock.systemUTC())) {
            for (int i = 0; i < 3; i++) {
                counters.tryAcquire(KEY, 1, 10, windowEnd);
            }

            server.pause(COMMAND_TIMEOUT.toMillis() + 2500);
            long start = System.nanoTime();
            assertThat(counters.tryAcquire(KEY, 1, 10, windowEnd)).isEqualTo(6);
            // The call waited for the timeout, not for Redis.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(COMMAND_TIMEOUT, COMMAND_TIMEOUT.plusMillis(2000));
            assertThat(admitAll(counters, 10)).isEqualTo(6);

            await(counters::usingRedis, Duration.ofSeconds(10));

            // 3 before, the call that timed out (Redis ran it once unpaused), and 7 admitted locally.
            assertThat(valueInRedis()).isEqualTo("11");
            assertThat(counters.tryAcquire(KEY, 1, 10, windowEnd)).isEqualTo(REFUSED);
        }
    }

    @Test
    void aNodeStartedWhileRedisIsDownCountsOnItsOwnShareUntilRedisComes() throws Exception {
        server.stop();
        try (ResilientQuotaCounters counters = new ResilientQuotaCounters(redis, 0.5, RETRY_EVERY, Clock.systemUTC())) {
            assertThat(counters.usingRedis()).isFalse();
            assertThat(admitAll(counters, 10)).isEqualTo(5);
            assertThat(counters.locallyAdmittedCalls()).isEqualTo(5);

            server.startAgain();
            await(counters::usingRedis, Duration.ofSeconds(5));

            assertThat(admitAll(counters, 10)).isEqualTo(5);
            assertThat(counters.locallyAdmittedCalls()).isEqualTo(5);
            assertThat(valueInRedis()).isEqualTo("10");
        }
    }

    @Test
    void aRedisThatNeverAnswersLeavesTheNodeCountingOnItsOwn() throws IOException {
        try (RedisConnector nowhere = RedisConnector.create("redis://127.0.0.1:" + PrivateRedisServer.freePort());
             RedisQuotaCounters unreachable = new RedisQuotaCounters(nowhere);
             ResilientQuotaCounters counters = new ResilientQuotaCounters(unreachable, Clock.systemUTC())) {
            assertThat(admitAll(counters, 1234)).isEqualTo(1234);
            counters.release(KEY, 4);
            assertThat(admitAll(counters, 1234)).isEqualTo(4);
            assertThat(counters.usingRedis()).isFalse();
        }
    }

    @Test
    void theLocalShareIsAPartOfTheLimit() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ResilientQuotaCounters(redis, 0, RETRY_EVERY, Clock.systemUTC()));
        assertThatIllegalArgumentException().isThrownBy(() -> new ResilientQuotaCounters(redis, 1.5, RETRY_EVERY, Clock.systemUTC()));
    }

    private long admitAll(ResilientQuotaCounters counters, long limit) {
        long admitted = 0;
        while (counters.tryAcquire(KEY, 1, limit, windowEnd) != REFUSED) {
            admitted++;
        }
        return admitted;
    }

    private String valueInRedis() {
        RedisClient client = RedisClient.create(server.url());
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            return c.sync().get("q:" + KEY);
        } finally {
            client.shutdown();
        }
    }

    static void await(BooleanSupplier condition, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s", atMost).isLessThan(deadline);
            PrivateRedisServer.sleep(20);
        }
    }
}
