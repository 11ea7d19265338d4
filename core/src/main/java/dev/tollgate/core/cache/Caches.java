package dev.tollgate.core.cache;

import com.github.benmanes.caffeine.cache.Caffeine;

/** How the caches read on every call are built. */
public final class Caches {
    private Caches() {}

    /**
     * A Caffeine builder whose upkeep (recording reads, expiry, eviction) runs in small steps on the
     * threads that use the cache, instead of being handed to {@code ForkJoinPool.commonPool()}: on the
     * gateway's and the token endpoints' path that hand-off woke a pool thread every few calls, a
     * {@code futex} call and a context switch each time (docs/BENCHMARKS.md §4 round 5). Not for a
     * cache that refreshes in the background, whose reloads would then run on the caller's thread.
     */
    public static Caffeine<Object, Object> upkeptByCallers() {
        return Caffeine.newBuilder().executor(Runnable::run);
    }
}
