package dev.tollgate.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.cache.Invalidation;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each test has a redis-server of its own, to stop and start again. */
class RedisInvalidationBusOutageTest {
    private static final Invalidation ALL_TOKENS = new Invalidation.AllTokens();
    private static final Invalidation ALL_KEYS = new Invalidation.AllKeys();

    private PrivateRedisServer server;
    private RedisConnector redisA;
    private RedisConnector redisB;
    private final BlockingQueue<Invalidation> receivedByA = new LinkedBlockingQueue<>();
    private final BlockingQueue<Invalidation> receivedByB = new LinkedBlockingQueue<>();

    @BeforeEach
    void startRedis() throws IOException {
        server = PrivateRedisServer.start();
        redisA = RedisConnector.create(server.url(), Duration.ofSeconds(2));
        redisB = RedisConnector.create(server.url(), Duration.ofSeconds(2));
    }

    @AfterEach
    void stopRedis() throws Exception {
        if (server != null) {
            redisA.close();
            redisB.close();
            server.close();
        }
    }

    @Test
    void whileRedisIsDownThePublishingNodeStillInvalidatesItsOwnCaches() throws Exception {
        try (RedisInvalidationBus nodeA = bus(redisA, "node-a", receivedByA)) {
            server.stop();

            nodeA.publish(new Invalidation.AccessTokensRevoked("TOKEN", "revoked", 1, 2));

            assertThat(receivedByA).containsExactly(new Invalidation.AccessTokensRevoked("TOKEN", "revoked", 1, 2));
        }
    }

    @Test
    void whenRedisComesBackEveryNodeDropsEveryCachedKeyAndTokenThenHearsTheOthersAgain() throws Exception {
        try (RedisInvalidationBus nodeA = bus(redisA, "node-a", receivedByA);
             RedisInvalidationBus nodeB = bus(redisB, "node-b", receivedByB)) {
            server.stop();
            // Node A revokes a token that node B cannot hear of.
            nodeA.publish(new Invalidation.AccessTokensRevoked("TOKEN", "revoked", 1, 2));
            assertThat(receivedByA.poll()).isEqualTo(new Invalidation.AccessTokensRevoked("TOKEN", "revoked", 1, 2));

            server.startAgain();

            awaitBoth(receivedByB, ALL_TOKENS, ALL_KEYS);
            awaitBoth(receivedByA, ALL_TOKENS, ALL_KEYS);
            ResilientQuotaCountersTest.await(() -> nodeA.connected() && nodeB.connected(), Duration.ofSeconds(3));

            nodeA.publish(new Invalidation.ApiKey("deleted"));
            assertThat(nextBesidesDropEverything(receivedByB)).isEqualTo(new Invalidation.ApiKey("deleted"));
        }
    }

    @Test
    void anInvalidationThatCouldNotBePublishedMakesTheOtherNodesDropEverythingOnceRedisAnswers() throws Exception {
        try (RedisConnector impatient = RedisConnector.create(server.url(), Duration.ofMillis(300));
             RedisInvalidationBus nodeA = bus(impatient, "node-a", receivedByA);
             RedisInvalidationBus nodeB = bus(redisB, "node-b", receivedByB)) {
            // Node B stays subscribed throughout; only node A's PUBLISH times out.
            server.pauseWrites(1500);

            nodeA.publish(new Invalidation.AccessTokensRevoked("TOKEN", "revoked", 1, 2));

            awaitBoth(receivedByB, ALL_TOKENS, ALL_KEYS);
        }
    }

    @Test
    void aNodeStartedWhileRedisIsDownJoinsWhenRedisComes() throws Exception {
        server.stop();
        try (RedisInvalidationBus nodeA = bus(redisA, "node-a", receivedByA)) {
            assertThat(nodeA.connected()).isFalse();
            server.startAgain();
            try (RedisInvalidationBus nodeB = bus(redisB, "node-b", receivedByB)) {
                assertThat(drainFor(receivedByA, 3000)).containsExactly(ALL_TOKENS, ALL_KEYS);
                ResilientQuotaCountersTest.await(nodeA::connected, Duration.ofSeconds(3));

                nodeB.publish(new Invalidation.Project("p"));
                assertThat(receivedByA.poll(1, TimeUnit.SECONDS)).isEqualTo(new Invalidation.Project("p"));
                assertThat(receivedByB).containsExactly(new Invalidation.Project("p"));
            }
        }
    }

    private static RedisInvalidationBus bus(RedisConnector redis, String nodeId, BlockingQueue<Invalidation> received) {
        RedisInvalidationBus bus = new RedisInvalidationBus(redis, "invalidations", nodeId);
        bus.subscribe(received::add);
        return bus;
    }

    /** Waits up to 3 seconds for both to arrive, whatever else comes. */
    private static void awaitBoth(BlockingQueue<Invalidation> queue, Invalidation first, Invalidation second) throws InterruptedException {
        List<Invalidation> received = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (!(received.contains(first) && received.contains(second)) && System.nanoTime() < deadline) {
            Invalidation next = queue.poll(50, TimeUnit.MILLISECONDS);
            if (next != null) {
                received.add(next);
            }
        }
        assertThat(received).contains(first, second);
    }

    /** The next invalidation within a second, past any "drop everything" still arriving from the reconnection. */
    private static Invalidation nextBesidesDropEverything(BlockingQueue<Invalidation> queue) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        Invalidation next;
        do {
            next = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        } while (next != null && (next.equals(ALL_TOKENS) || next.equals(ALL_KEYS)));
        return next;
    }

    /** What arrives until nothing more has come for a while, or {@code millis} have passed. */
    private static List<Invalidation> drainFor(BlockingQueue<Invalidation> queue, long millis) throws InterruptedException {
        List<Invalidation> received = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < deadline) {
            Invalidation next = queue.poll(received.isEmpty() ? 50 : 300, TimeUnit.MILLISECONDS);
            if (next != null) {
                received.add(next);
            } else if (!received.isEmpty()) {
                break;
            }
        }
        return received;
    }
}
