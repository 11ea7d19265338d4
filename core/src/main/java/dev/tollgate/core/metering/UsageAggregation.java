package dev.tollgate.core.metering;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * Adds records up per project, API, method, status, credential and minute, and the same per day
 * in a time zone, with the latencies' histogram. Totals are added up in place: a drain batch adds
 * up to 100,000 records, and a new histogram per record would be most of its garbage.
 */
public final class UsageAggregation {
    private final ZoneId dayZone;
    private final Map<UsageKey, Tally> minutes = new HashMap<>();
    private final Map<UsageKey, Tally> days = new HashMap<>();
    private int records;
    /** The last day seen: records come in time order, so most fall in the same day. */
    private Instant dayStart = Instant.MAX;
    private Instant nextDayStart = Instant.MIN;

    public UsageAggregation(ZoneId dayZone) {
        this.dayZone = dayZone;
    }

    public void add(UsageRecord record) {
        UsageCredential credential = UsageCredential.of(record);
        int bucket = LatencyHistogram.bucketOf(record.latencyMicros());
        minutes.computeIfAbsent(key(record, credential, minuteStart(record.time())), k -> new Tally()).add(record, bucket);
        days.computeIfAbsent(key(record, credential, dayStart(record.time())), k -> new Tally()).add(record, bucket);
        records++;
    }

    public static Instant minuteStart(Instant time) {
        return time.truncatedTo(ChronoUnit.MINUTES);
    }

    public static Instant dayStart(Instant time, ZoneId zone) {
        return time.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
    }

    /** The midnight after the day that {@code dayStart} begins, whatever the day's length. */
    public static Instant nextDayStart(Instant dayStart, ZoneId zone) {
        return dayStart.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
    }

    public Map<UsageKey, UsageTotals> minutes() { return totals(minutes); }

    public Map<UsageKey, UsageTotals> days() { return totals(days); }

    public int records() { return records; }

    private Instant dayStart(Instant time) {
        if (time.isBefore(dayStart) || !time.isBefore(nextDayStart)) {
            dayStart = dayStart(time, dayZone);
            nextDayStart = nextDayStart(dayStart, dayZone);
        }
        return dayStart;
    }

    private static UsageKey key(UsageRecord record, UsageCredential credential, Instant start) {
        return new UsageKey(record.projectId(), record.api(), record.method(), record.status(), credential, start);
    }

    private static Map<UsageKey, UsageTotals> totals(Map<UsageKey, Tally> tallies) {
        Map<UsageKey, UsageTotals> totals = new HashMap<>(tallies.size() * 2);
        tallies.forEach((key, tally) -> totals.put(key, tally.totals()));
        return totals;
    }

    private static final class Tally {
        private long calls;
        private long bytesIn;
        private long bytesOut;
        private long latencyMicros;
        private final long[] buckets = new long[LatencyHistogram.BUCKETS];

        void add(UsageRecord record, int bucket) {
            calls++;
            bytesIn += record.bytesIn();
            bytesOut += record.bytesOut();
            latencyMicros += record.latencyMicros();
            buckets[bucket]++;
        }

        UsageTotals totals() {
            return new UsageTotals(calls, bytesIn, bytesOut, latencyMicros, LatencyHistogram.ofCounts(buckets));
        }
    }
}
