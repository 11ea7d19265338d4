package dev.tollgate.core.counter;

import java.time.Instant;

/**
 * Counters of one window each, shared by every node that admits calls: in memory on one node,
 * in Redis on several. {@link #tryAcquire} must be atomic: of concurrent callers, no more than
 * the limit's worth succeed.
 */
public interface QuotaCounters {
    /** Sentinel of {@link #tryAcquire}: the cost does not fit under the limit. */
    long REFUSED = -1;

    /**
     * Adds {@code cost} to the counter {@code key} unless that would pass {@code limit}.
     *
     * @param windowEnd when the counter may be forgotten
     * @return what is left under the limit after this acquisition, or {@link #REFUSED}
     */
    long tryAcquire(String key, long cost, long limit, Instant windowEnd);

    /** Gives back an acquisition, when a later check of the same call refused it. */
    void release(String key, long cost);
}
