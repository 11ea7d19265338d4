package dev.tollgate.core.throttle;

import dev.tollgate.core.counter.QuotaCounters;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Counters of attempts in clock-aligned windows, kept in {@link QuotaCounters}: in this process on
 * one node, in Redis when the nodes share one, so that several nodes count every attempt once and an
 * attacker cannot multiply a limit by the number of nodes. Taking a unit is atomic (the counter never
 * passes its limit, however many attempts arrive at once), which is why callers take first and give
 * back later instead of checking first and counting afterwards.
 */
public final class WindowCounters {
    /** Far above any limit, and exact as a Lua number in Redis. */
    public static final long UNBOUNDED = 1_000_000_000L;
    private static final String PREFIX = "throttle:";

    private final QuotaCounters counters;
    private final Clock clock;

    public WindowCounters(QuotaCounters counters, Clock clock) {
        this.counters = counters;
        this.clock = clock;
    }

    /** A counter named {@code name} in the window of length {@code window} that holds now. */
    public Slot slot(String name, Duration window) {
        long length = window.toMillis();
        long index = Math.floorDiv(clock.millis(), length);
        return new Slot(PREFIX + name + ":" + length + ":" + index, Instant.ofEpochMilli((index + 1) * length));
    }

    /**
     * Takes one unit of the slot unless it already holds {@code limit}.
     *
     * @return how many the slot holds now, this one included, or -1 when it was full
     */
    public long take(Slot slot, long limit) {
        long left = counters.tryAcquire(slot.key(), 1, limit, slot.end());
        return left == QuotaCounters.REFUSED ? -1 : limit - left;
    }

    /** Gives back units taken from the slot. */
    public void giveBack(Slot slot, long units) {
        if (units > 0) {
            counters.release(slot.key(), units);
        }
    }

    /** How many the slot holds now. */
    public long count(Slot slot) {
        return UNBOUNDED - counters.tryAcquire(slot.key(), 0, UNBOUNDED, slot.end());
    }

    /** How long until the slot's window ends, rounded up to whole seconds (at least one). */
    public Duration untilEnd(Slot slot) {
        long millis = slot.end().toEpochMilli() - clock.millis();
        return Duration.ofSeconds(Math.max(1, (millis + 999) / 1000));
    }

    /**
     * The part of a client address that attempts are counted by: an IPv4 address as it is, an IPv6
     * one by its /64, since one subscriber usually holds a whole /64 and could otherwise try from a
     * new address each time.
     */
    public static String addressKey(InetAddress client) {
        byte[] bytes = client.getAddress();
        if (client instanceof Inet6Address) {
            bytes = Arrays.copyOf(bytes, 8);
        }
        return HexFormat.of().formatHex(bytes);
    }

    /** One counter of one window. */
    public record Slot(String key, Instant end) {}
}
