package dev.tollgate.core.counter;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Exact counters in this process: a compare-and-set loop per key; finished windows are swept away. */
public final class LocalQuotaCounters implements QuotaCounters {
    private record Counter(AtomicLong used, long expiresAtMillis) {}

    private static final int SWEEP_EVERY = 4096;

    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final Clock clock;
    private final AtomicLong calls = new AtomicLong();

    public LocalQuotaCounters(Clock clock) {
        this.clock = clock;
    }

    @Override
    public long tryAcquire(String key, long cost, long limit, Instant windowEnd) {
        if ((calls.incrementAndGet() & (SWEEP_EVERY - 1)) == 0) {
            sweep();
        }
        AtomicLong used = counters.computeIfAbsent(key, k -> new Counter(new AtomicLong(), windowEnd.toEpochMilli())).used();
        while (true) {
            long current = used.get();
            long next = current + cost;
            if (next > limit) {
                return REFUSED;
            }
            if (used.compareAndSet(current, next)) {
                return limit - next;
            }
        }
    }

    @Override
    public void release(String key, long cost) {
        Counter counter = counters.get(key);
        if (counter != null) {
            counter.used().addAndGet(-cost);
        }
    }

    /** How many counters are kept, for tests of the sweeping. */
    int size() {
        return counters.size();
    }

    void sweep() {
        long now = clock.millis();
        counters.entrySet().removeIf(e -> e.getValue().expiresAtMillis() <= now);
    }
}
