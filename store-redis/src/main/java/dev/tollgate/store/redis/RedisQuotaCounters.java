package dev.tollgate.store.redis;

import dev.tollgate.core.counter.QuotaCounters;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;

/**
 * Quota counters in Redis, shared by every node and exact across threads and nodes: the check and
 * the increment run in one Lua script, and Redis runs scripts one at a time. A failing or slow Redis
 * makes the calls throw ({@code RedisException}); {@link ResilientQuotaCounters} falls back then.
 */
public final class RedisQuotaCounters implements QuotaCounters, AutoCloseable {
    public static final String DEFAULT_KEY_PREFIX = "tollgate:quota:";
    /**
     * How long a counter outlives its window. The nodes' clocks differ a little, and a node whose
     * clock is late must still find the counter of the window it believes current.
     */
    public static final Duration DEFAULT_EXPIRY_MARGIN = Duration.ofSeconds(10);

    private static final LuaScript ACQUIRE = LuaScript.named("acquire.lua");
    private static final LuaScript RELEASE = LuaScript.named("release.lua");
    private static final LuaScript ADD = LuaScript.named("add.lua");

    private final String address;
    private final String keyPrefix;
    private final long expiryMarginMillis;
    private final LazyConnection<StatefulRedisConnection<String, String>> connection;

    public RedisQuotaCounters(RedisConnector redis) {
        this(redis, DEFAULT_KEY_PREFIX, DEFAULT_EXPIRY_MARGIN);
    }

    public RedisQuotaCounters(RedisConnector redis, String keyPrefix, Duration expiryMargin) {
        this.address = redis.address();
        this.keyPrefix = keyPrefix;
        this.expiryMarginMillis = expiryMargin.toMillis();
        this.connection = new LazyConnection<>(redis::connect);
    }

    @Override
    public long tryAcquire(String key, long cost, long limit, Instant windowEnd) {
        return ACQUIRE.run(commands(), keyPrefix + key, Long.toString(cost), Long.toString(limit), expiresAt(windowEnd));
    }

    @Override
    public void release(String key, long cost) {
        RELEASE.run(commands(), keyPrefix + key, Long.toString(cost));
    }

    /** Adds usage that was admitted without Redis (by a node that could not reach it), limit or not. */
    public void add(String key, long amount, Instant windowEnd) {
        ADD.run(commands(), keyPrefix + key, Long.toString(amount), expiresAt(windowEnd));
    }

    /** Returns when Redis answers, connecting first if no connection is open; throws otherwise. */
    public void ping() {
        commands().ping();
    }

    /** Where Redis is, for logs. */
    public String address() {
        return address;
    }

    private RedisCommands<String, String> commands() {
        return connection.get().sync();
    }

    private String expiresAt(Instant windowEnd) {
        return Long.toString(windowEnd.toEpochMilli() + expiryMarginMillis);
    }

    /** Closes this object's connection; the {@link RedisConnector} stays open. */
    @Override
    public void close() {
        connection.close();
    }
}
