package dev.tollgate.core.audit;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Bounds what callers who proved no identity can make the log write, per address and in all, per
 * clock minute: otherwise anyone could fill the database by sending requests that are refused.
 * Entries of people and service accounts are never held back. Memory stays bounded too: an
 * address is only counted while the total is under its ceiling.
 */
final class AnonymousEntryLimit {
    private final int perAddress;
    private final int total;
    private final Clock clock;
    private final Map<String, Integer> counts = new HashMap<>();
    private long minute = Long.MIN_VALUE;
    private int admitted;
    private int heldBack;

    AnonymousEntryLimit(int perAddressPerMinute, int totalPerMinute, Clock clock) {
        this.perAddress = perAddressPerMinute;
        this.total = totalPerMinute;
        this.clock = clock;
    }

    /** The outcome of asking: whether to write, and how many were held back in the minute that just ended. */
    record Admission(boolean admitted, int heldBackBefore) {}

    synchronized Admission admit(String address) {
        long now = Math.floorDiv(clock.millis(), 60_000L);
        int ended = 0;
        if (now != minute) {
            ended = heldBack;
            minute = now;
            counts.clear();
            admitted = 0;
            heldBack = 0;
        }
        if (admitted >= total) {
            heldBack++;
            return new Admission(false, ended);
        }
        int count = counts.getOrDefault(address, 0);
        if (count >= perAddress) {
            heldBack++;
            return new Admission(false, ended);
        }
        counts.put(address, count + 1);
        admitted++;
        return new Admission(true, ended);
    }
}
