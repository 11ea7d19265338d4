package dev.tollgate.store.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * This node's Redis client, shared by {@link RedisQuotaCounters} and {@link RedisInvalidationBus};
 * one per node, closed last on shutdown.
 *
 * <p>Its options make an outage fail fast instead of making callers wait: while a connection is down
 * its commands are rejected at once (Lettuce would queue them), and a command that gets no answer
 * within the command timeout fails, so the callers can fall back.
 */
public final class RedisConnector implements AutoCloseable {
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMillis(200);

    // Longer than a command: a connection may need TLS and a handshake. Only a first connection is
    // opened in a caller's thread; reconnections happen in Lettuce's.
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    // Lettuce's default backs off to 30 s; a subscription that comes back that late leaves caches
    // stale for as long.
    private static final Delay RECONNECT_DELAY = Delay.exponential(Duration.ofMillis(10), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS);
    // Without probes, a connection dropped silently (a partition, a NAT forgetting it) looks alive
    // for hours, and a subscription on it receives nothing.
    private static final SocketOptions.KeepAliveOptions KEEP_ALIVE = SocketOptions.KeepAliveOptions.builder()
            .enable().idle(Duration.ofSeconds(5)).interval(Duration.ofSeconds(1)).count(3).build();

    private final RedisURI uri;
    private final ClientResources resources;
    private final RedisClient client;

    private RedisConnector(RedisURI uri) {
        this.uri = uri;
        this.resources = DefaultClientResources.builder().reconnectDelay(RECONNECT_DELAY).build();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(uri.getTimeout()))
                .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).keepAlive(KEEP_ALIVE).build())
                .build());
    }

    /** A client for {@code redis://[user:password@]host[:port][/database]} (or {@code rediss://} for TLS). */
    public static RedisConnector create(String redisUrl) {
        return create(redisUrl, DEFAULT_COMMAND_TIMEOUT);
    }

    public static RedisConnector create(String redisUrl, Duration commandTimeout) {
        RedisURI uri = RedisURI.create(redisUrl);
        uri.setTimeout(commandTimeout);
        return new RedisConnector(uri);
    }

    /** Where Redis is, for logs: no credentials. */
    public String address() {
        return uri.getHost() + ":" + uri.getPort();
    }

    Duration commandTimeout() {
        return uri.getTimeout();
    }

    StatefulRedisConnection<String, String> connect() {
        return client.connect(StringCodec.UTF8);
    }

    StatefulRedisPubSubConnection<String, String> connectPubSub() {
        return client.connectPubSub(StringCodec.UTF8);
    }

    /**
     * Opens a connection and pings through it: a node started with {@code --redis} refuses to start
     * while Redis cannot be reached, rather than counting quotas alone from its first call.
     *
     * @throws io.lettuce.core.RedisException when Redis cannot be reached or refuses the credentials
     */
    public void ping() {
        try (StatefulRedisConnection<String, String> connection = connect()) {
            connection.sync().ping();
        }
    }

    /** Closes every connection opened through it and stops Lettuce's threads. */
    @Override
    public void close() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
