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
 *
 * <p>A charge counts its call under status {@link UsageRecord#NO_OUTCOME}, with no latency; its
 * settlement moves the call to the status it settled with, latency and all. The charge came earlier
 * in the journal, so the row it leaves never goes below zero.
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
        Instant minute = minuteStart(record.time());
        Instant day = dayStart(record.time());
        switch (record.phase()) {
            case CHARGED -> {
                tally(minutes, record, record.status(), credential, minute).addCharge(record);
                tally(days, record, record.status(), credential, day).addCharge(record);
            }
            case SETTLED -> {
                tally(minutes, record, UsageRecord.NO_OUTCOME, credential, minute).removeCharge(record);
                tally(days, record, UsageRecord.NO_OUTCOME, credential, day).removeCharge(record);
                addCall(record, credential, minute, day);
            }
            case COMPLETE -> addCall(record, credential, minute, day);
        }
        records++;
    }

    private void addCall(UsageRecord record, UsageCredential credential, Instant minute, Instant day) {
        int bucket = LatencyHistogram.bucketOf(record.latencyMicros());
        tally(minutes, record, record.status(), credential, minute).add(record, bucket);
        tally(days, record, record.status(), credential, day).add(record, bucket);
    }

    private static Tally tally(Map<UsageKey, Tally> rows, UsageRecord record, int status, UsageCredential credential, Instant start) {
        return rows.computeIfAbsent(new UsageKey(record.projectId(), record.api(), record.method(), status, credential, start), k -> new Tally());
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

    private static Map<UsageKey, UsageTotals> totals(Map<UsageKey, Tally> tallies) {
        Map<UsageKey, UsageTotals> totals = new HashMap<>(tallies.size() * 2);
        // A charge settled in the same batch leaves nothing to write under NO_OUTCOME.
        tallies.forEach((key, tally) -> {
            if (!tally.isEmpty()) {
                totals.put(key, tally.totals());
            }
        });
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

        void addCharge(UsageRecord charge) {
            calls++;
            bytesIn += charge.bytesIn();
        }

        void removeCharge(UsageRecord settlement) {
            calls--;
            bytesIn -= settlement.bytesIn();
        }

        boolean isEmpty() {
            if (calls != 0 || bytesIn != 0 || bytesOut != 0 || latencyMicros != 0) {
                return false;
            }
            for (long b : buckets) {
                if (b != 0) {
                    return false;
                }
            }
            return true;
        }

        UsageTotals totals() {
            return new UsageTotals(calls, bytesIn, bytesOut, latencyMicros, LatencyHistogram.ofCounts(buckets));
        }
    }
}
