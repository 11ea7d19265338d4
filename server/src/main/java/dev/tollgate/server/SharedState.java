package dev.tollgate.server;

import dev.tollgate.core.cache.InvalidationBus;
import dev.tollgate.core.cache.LocalInvalidationBus;
import dev.tollgate.core.counter.LocalQuotaCounters;
import dev.tollgate.core.counter.QuotaCounters;
import dev.tollgate.store.redis.RedisConnector;
import dev.tollgate.store.redis.RedisInvalidationBus;
import dev.tollgate.store.redis.RedisQuotaCounters;
import dev.tollgate.store.redis.ResilientQuotaCounters;
import java.time.Clock;
import java.util.Optional;

/**
 * What nodes must share: cache invalidations and quota counters. In process for one node;
 * through Redis when {@code --redis} names one, with local counting while Redis is unreachable.
 */
record SharedState(InvalidationBus bus, QuotaCounters quotaCounters, Optional<AutoCloseable> resources) implements AutoCloseable {

    static SharedState of(Optional<String> redisUrl, Clock clock) {
        if (redisUrl.isEmpty()) {
            return new SharedState(new LocalInvalidationBus(), new LocalQuotaCounters(clock), Optional.empty());
        }
        RedisConnector redis = RedisConnector.create(redisUrl.get());
        try {
            redis.ping();
        } catch (RuntimeException e) {
            redis.close();
            throw e;
        }
        var bus = new RedisInvalidationBus(redis);
        var counters = new ResilientQuotaCounters(new RedisQuotaCounters(redis), clock);
        AutoCloseable all = () -> {
            counters.close();
            bus.close();
            redis.close();
        };
        return new SharedState(bus, counters, Optional.of(all));
    }

    @Override
    public void close() throws Exception {
        if (resources.isPresent()) {
            resources.get().close();
        }
    }
}
