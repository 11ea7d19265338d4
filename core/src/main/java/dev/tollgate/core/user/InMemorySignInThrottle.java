package dev.tollgate.core.user;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * A {@link SignInThrottle} for one node. Each account and address keeps the times of its last
 * failures (no more than its limit); it is blocked while that many fall within the window, that
 * is until the oldest of them is older than the window.
 *
 * <p>Both maps are bounded, so a flood of made-up emails cannot exhaust memory; the price is that
 * such a flood can push counters out early, which the per-address limit still catches.
 */
public final class InMemorySignInThrottle implements SignInThrottle {
    private static final long MAX_TRACKED = 100_000;

    private final ThrottleLimits limits;
    private final Clock clock;
    private final Cache<String, Failures> accounts;
    private final Cache<String, Failures> addresses;

    public InMemorySignInThrottle(ThrottleLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
        this.accounts = cache();
        this.addresses = cache();
    }

    private Cache<String, Failures> cache() {
        // The cache runs on the same clock as the decisions, so tests can move time forward.
        return Caffeine.newBuilder().maximumSize(MAX_TRACKED).expireAfterWrite(limits.window())
                .ticker(() -> clock.millis() * 1_000_000L).build();
    }

    @Override
    public boolean isBlocked(String account, InetAddress client) {
        Instant now = clock.instant();
        return reached(accounts.getIfPresent(accountKey(account)), limits.perAccount(), now)
                || reached(addresses.getIfPresent(addressKey(client)), limits.perAddress(), now);
    }

    @Override
    public void recordFailure(String account, InetAddress client) {
        Instant now = clock.instant();
        accounts.asMap().compute(accountKey(account), (k, f) -> (f == null ? new Failures(limits.perAccount()) : f).add(now));
        addresses.asMap().compute(addressKey(client), (k, f) -> (f == null ? new Failures(limits.perAddress()) : f).add(now));
    }

    @Override
    public void recordSuccess(String account) {
        accounts.invalidate(accountKey(account));
    }

    private boolean reached(Failures failures, int limit, Instant now) {
        return failures != null && failures.countSince(now.minus(limits.window())) >= limit;
    }

    private static String accountKey(String account) {
        String key = account == null ? "" : account.strip().toLowerCase(java.util.Locale.ROOT);
        return key.length() > EmailAddress.MAX_LENGTH ? key.substring(0, EmailAddress.MAX_LENGTH) : key;
    }

    /**
     * IPv4 addresses count one by one; IPv6 ones by their /64, since one subscriber usually holds a
     * whole /64 and could otherwise try from a new address each time.
     */
    static String addressKey(InetAddress client) {
        byte[] bytes = client.getAddress();
        if (client instanceof Inet6Address) {
            bytes = Arrays.copyOf(bytes, 8);
        }
        return java.util.HexFormat.of().formatHex(bytes);
    }

    /** The most recent failure times, at most {@code capacity}: enough to decide. */
    private static final class Failures {
        private final int capacity;
        private final ArrayDeque<Instant> times;

        Failures(int capacity) {
            this.capacity = capacity;
            this.times = new ArrayDeque<>(capacity);
        }

        synchronized Failures add(Instant time) {
            if (times.size() == capacity) {
                times.removeFirst();
            }
            times.addLast(time);
            return this;
        }

        synchronized int countSince(Instant start) {
            int n = 0;
            for (Instant t : times) {
                if (t.isAfter(start)) {
                    n++;
                }
            }
            return n;
        }
    }
}
