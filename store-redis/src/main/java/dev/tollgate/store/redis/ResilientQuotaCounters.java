package dev.tollgate.store.redis;

import dev.tollgate.core.counter.LocalQuotaCounters;
import dev.tollgate.core.counter.QuotaCounters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quota counters in Redis that keep admitting calls when Redis fails. A call that Redis does not
 * answer (an error, or no answer within the {@link RedisConnector}'s command timeout) is counted on
 * this node instead, and so are the following calls until Redis answers again; a background thread
 * asks it every {@code retryEvery}. One WARN is logged when the node falls back, one INFO when it
 * switches back by itself; {@link #locallyAdmittedCalls()} counts the calls admitted meanwhile.
 *
 * <p><b>Policy while Redis is unreachable.</b>
 * <ul>
 * <li>Each node admits up to {@code limit × localShare} (rounded up) per window from its own
 * counters; {@code localShare} is in (0, 1], 1.0 by default. A local counter starts from the usage
 * the node last saw in Redis for it (it remembers up to 200 000 counters at a time), so no node ever
 * admits more than {@code limit} in a window.
 * <li>A deployment of N nodes therefore admits at most {@code (N × localShare − 1) × limit} too many
 * per window while the outage lasts. In the window in which Redis fails, what the other nodes had
 * admitted through Redis comes on top: at most {@code (N − 1) × localShare × limit} too many, the
 * same figure when localShare is 1.0.
 * <li>When Redis answers again, what the node admitted on its own in windows not yet over is added to
 * the Redis counters, so the limit holds again for the rest of those windows. A Redis that lost its
 * data (restarted without persistence) has forgotten what it counted before the outage, and may
 * admit that again in the same window.
 * <li>With localShare 1.0 a lone node loses nothing to an outage and N nodes may admit up to N times
 * the limit; with 1/N, windows wholly inside the outage stay within the limit, but each node gets
 * only its share of it.
 * </ul>
 * The hand-over at a switch is best effort: calls in flight at that instant may be counted on one
 * side only.
 */
public final class ResilientQuotaCounters implements QuotaCounters, AutoCloseable {
    public static final double DEFAULT_LOCAL_SHARE = 1.0;
    public static final Duration DEFAULT_RETRY_EVERY = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(ResilientQuotaCounters.class);

    private final RedisQuotaCounters redis;
    private final String address;
    private final double localShare;
    private final Duration retryEvery;
    private final Clock clock;
    private final CounterHandover handover = new CounterHandover();
    private final AtomicBoolean redisDown = new AtomicBoolean();
    private final LongAdder locallyAdmitted = new LongAdder();
    private final ScheduledExecutorService prober;
    // A fresh one for every outage: the previous outage's usage is in Redis by then.
    private volatile LocalQuotaCounters local;
    private volatile Instant downSince;

    /** With {@link #DEFAULT_LOCAL_SHARE} and {@link #DEFAULT_RETRY_EVERY}. */
    public ResilientQuotaCounters(RedisQuotaCounters redis, Clock clock) {
        this(redis, DEFAULT_LOCAL_SHARE, DEFAULT_RETRY_EVERY, clock);
    }

    /**
     * Asks Redis once before returning (waiting up to a second when it is unreachable), so that a node
     * started during an outage counts locally from its first call.
     *
     * @param localShare the part of each limit one node may admit on its own, in (0, 1]
     */
    public ResilientQuotaCounters(RedisQuotaCounters redis, double localShare, Duration retryEvery, Clock clock) {
        if (!(localShare > 0 && localShare <= 1)) {
            throw new IllegalArgumentException("localShare must be in (0, 1]: " + localShare);
        }
        this.redis = redis;
        this.address = redis.address();
        this.localShare = localShare;
        this.retryEvery = retryEvery;
        this.clock = clock;
        this.local = new LocalQuotaCounters(clock);
        this.prober = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tollgate-quota-redis-probe");
            t.setDaemon(true);
            return t;
        });
        try {
            redis.ping();
        } catch (RuntimeException e) {
            fallBack(e);
        }
        long every = retryEvery.toMillis();
        prober.scheduleWithFixedDelay(this::probe, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public long tryAcquire(String key, long cost, long limit, Instant windowEnd) {
        if (!redisDown.get()) {
            try {
                long left = redis.tryAcquire(key, cost, limit, windowEnd);
                handover.sawInRedis(key, cost, limit, left, windowEnd);
                return left;
            } catch (RuntimeException e) {
                fallBack(e);
            }
        }
        return acquireLocally(key, cost, limit, windowEnd);
    }

    @Override
    public void release(String key, long cost) {
        if (!redisDown.get()) {
            try {
                redis.release(key, cost);
                return;
            } catch (RuntimeException e) {
                fallBack(e);
            }
        }
        local.release(key, cost);
        handover.releasedLocally(key, cost);
    }

    /** Whether calls are counted in Redis now, rather than on this node alone. */
    public boolean usingRedis() {
        return !redisDown.get();
    }

    /** How many calls this node admitted on its own since it started, over every outage; only grows. */
    public long locallyAdmittedCalls() {
        return locallyAdmitted.sum();
    }

    private long acquireLocally(String key, long cost, long limit, Instant windowEnd) {
        LocalQuotaCounters counters = local;
        long localLimit = (long) Math.ceil(limit * localShare);
        handover.seed(counters, key, localLimit, windowEnd);
        long left = counters.tryAcquire(key, cost, localLimit, windowEnd);
        if (left != REFUSED) {
            locallyAdmitted.increment();
            handover.admittedLocally(key, cost, windowEnd);
        }
        return left;
    }

    private void fallBack(RuntimeException cause) {
        if (redisDown.compareAndSet(false, true)) {
            downSince = clock.instant();
            log.warn("Redis at {} does not answer ({}); counting quotas on this node alone until it does, asking again every {} ms."
                    + " Meanwhile each node admits up to limit × {} per window on its own, so N nodes may admit up to"
                    + " (N × {} − 1) × limit too many per window", address, cause.toString(), retryEvery.toMillis(), localShare, localShare);
        }
    }

    private void probe() {
        try {
            Instant now = clock.instant();
            handover.sweep(now);
            if (redisDown.get()) {
                switchBackIfRedisAnswers(now);
            }
        } catch (RuntimeException e) {
            // An exception would end the periodic task for good.
            log.error("Checking Redis at {} failed", address, e);
        }
    }

    private void switchBackIfRedisAnswers(Instant now) {
        try {
            redis.ping();
            handover.handBack(redis, now);
        } catch (RuntimeException e) {
            log.debug("Redis at {} does not answer yet: {}", address, e.toString());
            return;
        }
        local = new LocalQuotaCounters(clock);
        redisDown.set(false);
        try {
            // Calls admitted locally while the first hand-over ran.
            handover.handBack(redis, now);
        } catch (RuntimeException e) {
            log.debug("Could not hand the last local usage over to Redis at {}: {}", address, e.toString());
        }
        log.info("Redis at {} answers again after {} ms; quotas are shared between nodes again ({} calls admitted on this node alone"
                + " so far, their usage added to Redis)", address, Duration.between(downSince, now).toMillis(), locallyAdmittedCalls());
    }

    /** Stops asking Redis in the background; the {@link RedisQuotaCounters} and the connector stay open. */
    @Override
    public void close() {
        prober.shutdownNow();
    }
}
