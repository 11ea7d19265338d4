package dev.tollgate.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.cache.Invalidation;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Two nodes, each with its own Redis client, on a channel of this test run in the test Redis. */
@EnabledIf("dev.tollgate.store.redis.TestRedis#reachable")
class RedisInvalidationBusTest {
    private static final String CHANNEL = TestRedis.RUN + "invalidations";

    private static RedisConnector redisA;
    private static RedisConnector redisB;
    private static RedisInvalidationBus nodeA;
    private static RedisInvalidationBus nodeB;
    private static final BlockingQueue<Invalidation> receivedByA = new LinkedBlockingQueue<>();
    private static final BlockingQueue<Invalidation> receivedByB = new LinkedBlockingQueue<>();
    private static RedisClient outsider;
    private static StatefulRedisConnection<String, String> outsiderConnection;

    @BeforeAll
    static void startTwoNodes() {
        redisA = RedisConnector.create(TestRedis.url(), Duration.ofSeconds(5));
        redisB = RedisConnector.create(TestRedis.url(), Duration.ofSeconds(5));
        nodeA = new RedisInvalidationBus(redisA, CHANNEL, "node-a");
        nodeB = new RedisInvalidationBus(redisB, CHANNEL, "node-b");
        nodeA.subscribe(receivedByA::add);
        nodeB.subscribe(receivedByB::add);
        outsider = RedisClient.create(TestRedis.url());
        outsiderConnection = outsider.connect();
    }

    @AfterAll
    static void stopThem() {
        if (nodeA != null) {
            nodeA.close();
            nodeB.close();
            redisA.close();
            redisB.close();
            outsiderConnection.close();
            outsider.shutdown();
        }
    }

    @BeforeEach
    void forgetEarlierDeliveries() {
        receivedByA.clear();
        receivedByB.clear();
    }

    static java.util.stream.Stream<Invalidation> everyKind() {
        return InvalidationCodecTest.everyKind();
    }

    @ParameterizedTest
    @MethodSource("everyKind")
    void anInvalidationPublishedOnOneNodeReachesTheOtherWithinOneSecond(Invalidation invalidation) throws InterruptedException {
        long start = System.nanoTime();
        nodeA.publish(invalidation);

        assertThat(receivedByB.poll(1, TimeUnit.SECONDS)).isEqualTo(invalidation);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1000);
    }

    @Test
    void thePublishingNodeGetsItsInvalidationAtOnceAndOnlyOnce() throws InterruptedException {
        Invalidation revoked = new Invalidation.AccessTokensRevoked("SUBJECT", "revoked-subject", 1, 2);

        nodeA.publish(revoked);

        assertThat(receivedByA).containsExactly(revoked);
        assertThat(receivedByB.poll(1, TimeUnit.SECONDS)).isEqualTo(revoked);
        // The echo from Redis has come back to node A by now, since node B's copy has arrived.
        nodeB.publish(new Invalidation.Project("marker"));
        assertThat(receivedByA.poll(1, TimeUnit.SECONDS)).isEqualTo(revoked);
        assertThat(receivedByA.poll(1, TimeUnit.SECONDS)).isEqualTo(new Invalidation.Project("marker"));
        assertThat(receivedByA).isEmpty();
    }

    @Test
    void messagesOnTheChannelThatAreNotInvalidationsAreDropped() throws InterruptedException {
        for (String garbage : new String[] {"hello", "tg1|x|key|", "tg1|x|spoon|abc", "tg2|x|key|abc", "tg1||key|abc"}) {
            outsiderConnection.sync().publish(CHANNEL, garbage);
        }
        outsiderConnection.sync().publish(CHANNEL, "tg1|node-c|key|after-the-garbage");

        assertThat(receivedByA.poll(1, TimeUnit.SECONDS)).isEqualTo(new Invalidation.ApiKey("after-the-garbage"));
        assertThat(receivedByB.poll(1, TimeUnit.SECONDS)).isEqualTo(new Invalidation.ApiKey("after-the-garbage"));
        assertThat(receivedByA).isEmpty();
        assertThat(receivedByB).isEmpty();
    }

    @Test
    void aListenerThatThrowsDoesNotKeepTheOthersFromTheirInvalidations() throws InterruptedException {
        try (RedisInvalidationBus nodeC = new RedisInvalidationBus(redisB, CHANNEL, "node-c")) {
            BlockingQueue<Invalidation> receivedByC = new LinkedBlockingQueue<>();
            nodeC.subscribe(i -> {
                throw new IllegalStateException("a broken cache");
            });
            nodeC.subscribe(receivedByC::add);

            nodeA.publish(new Invalidation.ApiKey("deleted-key"));

            assertThat(receivedByC.poll(1, TimeUnit.SECONDS)).isEqualTo(new Invalidation.ApiKey("deleted-key"));
        }
    }
}
