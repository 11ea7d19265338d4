package dev.tollgate.store.redis;

import dev.tollgate.core.counter.QuotaCounters;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Carries usage across a switch between Redis and a node's own counters, so that neither side starts
 * a window from zero: a local counter starts from the usage this node last saw in Redis, and what the
 * node admitted on its own is added to Redis when Redis answers again. Both are best effort: calls in
 * flight at the moment of a switch may be missed.
 */
final class CounterHandover {
    private record Seen(long used, long windowEndMillis) {}

    private record AdmittedLocally(AtomicLong amount, Instant windowEnd) {}

    // A bound on memory (some 100 bytes each): past it, counters not seen yet start from zero locally.
    static final int MAX_REMEMBERED = 200_000;

    private final Map<String, Seen> seenInRedis = new ConcurrentHashMap<>();
    private final Map<String, AdmittedLocally> admittedLocally = new ConcurrentHashMap<>();

    /** Remembers a counter's usage after a call Redis answered. */
    void sawInRedis(String key, long cost, long limit, long left, Instant windowEnd) {
        // A refusal says only that the cost did not fit: at least limit - cost + 1 is used.
        long used = left == QuotaCounters.REFUSED ? Math.max(0, limit - cost + 1) : limit - left;
        if (seenInRedis.size() < MAX_REMEMBERED || seenInRedis.containsKey(key)) {
            seenInRedis.put(key, new Seen(used, windowEnd.toEpochMilli()));
        }
    }

    /** On the first local call of an outage for a counter, starts it from what Redis had counted. */
    void seed(QuotaCounters local, String key, long localLimit, Instant windowEnd) {
        Seen seen = seenInRedis.remove(key);
        if (seen != null && seen.used() > 0 && seen.windowEndMillis() == windowEnd.toEpochMilli()) {
            local.tryAcquire(key, Math.min(seen.used(), localLimit), localLimit, windowEnd);
        }
    }

    void admittedLocally(String key, long cost, Instant windowEnd) {
        admittedLocally.computeIfAbsent(key, k -> new AdmittedLocally(new AtomicLong(), windowEnd)).amount().addAndGet(cost);
    }

    void releasedLocally(String key, long cost) {
        AdmittedLocally admitted = admittedLocally.get(key);
        if (admitted != null) {
            admitted.amount().addAndGet(-cost);
        }
    }

    /**
     * Adds to Redis what was admitted locally in windows not yet over. Throws when Redis fails; what
     * was not handed over yet stays for the next attempt.
     */
    void handBack(RedisQuotaCounters redis, Instant now) {
        for (Map.Entry<String, AdmittedLocally> e : admittedLocally.entrySet()) {
            AdmittedLocally admitted = e.getValue();
            if (admitted.windowEnd().isAfter(now)) {
                long amount = admitted.amount().getAndSet(0);
                try {
                    if (amount != 0) {
                        redis.add(e.getKey(), amount, admitted.windowEnd());
                    }
                } catch (RuntimeException failure) {
                    admitted.amount().addAndGet(amount);
                    throw failure;
                }
            }
            admittedLocally.remove(e.getKey(), admitted);
        }
    }

    /** Forgets counters whose window is over. */
    void sweep(Instant now) {
        long nowMillis = now.toEpochMilli();
        seenInRedis.values().removeIf(seen -> seen.windowEndMillis() <= nowMillis);
        admittedLocally.values().removeIf(admitted -> !admitted.windowEnd().isAfter(now));
    }
}
