package dev.tollgate.store.redis;

import dev.tollgate.core.cache.Invalidation;
import dev.tollgate.core.cache.InvalidationBus;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Invalidations shared by several nodes: {@link #publish} delivers to this node's listeners at once
 * and publishes on a Redis channel, from which the other nodes deliver to theirs (in Lettuce's I/O
 * thread, so listeners must be quick). A node ignores its own messages, already delivered, and drops
 * messages it cannot read.
 *
 * <p>Redis pub/sub keeps nothing for a node that is not listening, and a missed invalidation could
 * leave a revoked key or token usable. So whenever the subscription is made again after a
 * disconnection (or made late, because Redis was down when the node started), this node's listeners
 * get {@link Invalidation.AllTokens} and {@link Invalidation.AllKeys}; and when an invalidation could
 * not be published, the other nodes are sent those two once Redis answers again. Project caches are
 * the caller's to refresh then (no invalidation names them all).
 */
public final class RedisInvalidationBus implements InvalidationBus, AutoCloseable {
    public static final String DEFAULT_CHANNEL = "tollgate:invalidations";

    private static final Logger log = LoggerFactory.getLogger(RedisInvalidationBus.class);
    private static final long RETRY_EVERY_MILLIS = 1000;
    private static final int LOGGED_MESSAGE_LENGTH = 200;

    private final String channel;
    private final String nodeId;
    private final String address;
    private final List<Consumer<Invalidation>> listeners = new CopyOnWriteArrayList<>();
    private final LazyConnection<StatefulRedisPubSubConnection<String, String>> subscription;
    private final LazyConnection<StatefulRedisConnection<String, String>> publisher;
    private final ScheduledExecutorService retries;
    private final AtomicBoolean subscribedBefore = new AtomicBoolean();
    private final AtomicBoolean othersMayHaveMissedSome = new AtomicBoolean();
    private volatile boolean startedWithoutRedis;

    /** On {@link #DEFAULT_CHANNEL}, with a random node id. */
    public RedisInvalidationBus(RedisConnector redis) {
        this(redis, DEFAULT_CHANNEL, UUID.randomUUID().toString());
    }

    /** Subscribes before returning when Redis answers; otherwise keeps trying every second. */
    public RedisInvalidationBus(RedisConnector redis, String channel, String nodeId) {
        InvalidationCodec.checkNodeId(nodeId);
        this.channel = channel;
        this.nodeId = nodeId;
        this.address = redis.address();
        this.subscription = new LazyConnection<>(() -> subscribe(redis));
        this.publisher = new LazyConnection<>(redis::connect);
        this.retries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tollgate-invalidation-bus");
            t.setDaemon(true);
            return t;
        });
        try {
            subscription.get();
            publisher.get();
        } catch (RuntimeException e) {
            startedWithoutRedis = true;
            log.warn("Redis at {} does not answer ({}); invalidations reach only this node until it does", address, e.toString());
        }
        retries.scheduleWithFixedDelay(this::catchUp, RETRY_EVERY_MILLIS, RETRY_EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void publish(Invalidation invalidation) {
        deliver(invalidation);
        StatefulRedisConnection<String, String> c = publisher.ifOpen();
        if (c == null) {
            othersMayHaveMissed(new IllegalStateException("not connected yet"));
            return;
        }
        c.async().publish(channel, InvalidationCodec.encode(nodeId, invalidation)).whenComplete((receivers, error) -> {
            if (error != null) {
                othersMayHaveMissed(error);
            }
        });
    }

    @Override
    public void subscribe(Consumer<Invalidation> listener) {
        listeners.add(listener);
    }

    /**
     * Whether this node both listens and can publish now; false while Redis is down or a connection
     * is being made again. For health checks.
     */
    public boolean connected() {
        StatefulRedisPubSubConnection<String, String> listening = subscription.ifOpen();
        StatefulRedisConnection<String, String> publishing = publisher.ifOpen();
        return listening != null && listening.isOpen() && publishing != null && publishing.isOpen();
    }

    /** Identifies this node's messages on the channel. */
    public String nodeId() {
        return nodeId;
    }

    private StatefulRedisPubSubConnection<String, String> subscribe(RedisConnector redis) {
        StatefulRedisPubSubConnection<String, String> c = redis.connectPubSub();
        try {
            c.addListener(new ChannelListener());
            c.sync().subscribe(channel);
            return c;
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private void catchUp() {
        try {
            subscription.get();
            publisher.get();
            if (othersMayHaveMissedSome.getAndSet(false)) {
                try {
                    publisher.get().sync().publish(channel, InvalidationCodec.encode(nodeId, new Invalidation.AllTokens()));
                    publisher.get().sync().publish(channel, InvalidationCodec.encode(nodeId, new Invalidation.AllKeys()));
                    log.info("Told the other nodes to drop every cached key and token, since an invalidation could not reach them");
                } catch (RuntimeException e) {
                    othersMayHaveMissedSome.set(true);
                    throw e;
                }
            }
        } catch (RuntimeException e) {
            log.debug("Redis at {} does not answer yet: {}", address, e.toString());
        }
    }

    private void othersMayHaveMissed(Throwable error) {
        if (!othersMayHaveMissedSome.getAndSet(true)) {
            log.warn("Could not publish an invalidation to the other nodes through Redis at {} ({}); they will be told to drop"
                    + " every cached key and token once Redis answers", address, error.toString());
        }
    }

    private void deliver(Invalidation invalidation) {
        for (Consumer<Invalidation> listener : listeners) {
            try {
                listener.accept(invalidation);
            } catch (RuntimeException e) {
                log.error("An invalidation listener failed on {}", invalidation, e);
            }
        }
    }

    private final class ChannelListener extends RedisPubSubAdapter<String, String> {
        @Override
        public void subscribed(String subscribedChannel, long count) {
            if (!subscribedChannel.equals(channel)) {
                return;
            }
            if (subscribedBefore.getAndSet(true) || startedWithoutRedis) {
                log.info("Listening to Redis at {} again; dropping every cached key and token, since invalidations may have been"
                        + " missed meanwhile", address);
                deliver(new Invalidation.AllTokens());
                deliver(new Invalidation.AllKeys());
            }
        }

        @Override
        public void message(String fromChannel, String text) {
            if (!fromChannel.equals(channel)) {
                return;
            }
            InvalidationCodec.Message message;
            try {
                message = InvalidationCodec.decode(text);
            } catch (IllegalArgumentException e) {
                log.warn("Dropped a message on {} that is not an invalidation ({}): {}", channel, e.getMessage(), abbreviate(text));
                return;
            }
            if (!message.nodeId().equals(nodeId)) {
                deliver(message.invalidation());
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= LOGGED_MESSAGE_LENGTH ? text : text.substring(0, LOGGED_MESSAGE_LENGTH) + "…";
    }

    /** Stops listening and closes this object's connections; the {@link RedisConnector} stays open. */
    @Override
    public void close() {
        retries.shutdownNow();
        subscription.close();
        publisher.close();
    }
}
