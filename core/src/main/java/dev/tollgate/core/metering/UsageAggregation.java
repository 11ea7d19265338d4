package dev.tollgate.core.metering;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * Adds records up per project, API, method, status and minute, and the same per day in a time zone.
 * A settlement moves its charge from status {@link UsageRecord#NO_OUTCOME} to the status it settled
 * with; the charge came earlier in the journal, so the row it leaves never goes below zero.
 */
public final class UsageAggregation {
    private final ZoneId dayZone;
    private final Map<UsageKey, UsageTotals> minutes = new HashMap<>();
    private final Map<UsageKey, UsageTotals> days = new HashMap<>();
    private int records;
    /** The last day seen: records come in time order, so most fall in the same day. */
    private Instant dayStart = Instant.MAX;
    private Instant nextDayStart = Instant.MIN;

    public UsageAggregation(ZoneId dayZone) {
        this.dayZone = dayZone;
    }

    public void add(UsageRecord record) {
        if (record.phase() == UsageRecord.Phase.SETTLED) {
            UsageTotals charge = UsageTotals.of(record).chargeOnly().negated();
            addTo(record, UsageRecord.NO_OUTCOME, charge);
        }
        addTo(record, record.status(), UsageTotals.of(record));
        records++;
    }

    private void addTo(UsageRecord record, int status, UsageTotals totals) {
        Instant minute = minuteStart(record.time());
        Instant day = dayStart(record.time());
        merge(minutes, key(record, status, minute), totals);
        merge(days, key(record, status, day), totals);
    }

    /** A charge and its settlement in the same batch leave nothing to write under {@link UsageRecord#NO_OUTCOME}. */
    private static void merge(Map<UsageKey, UsageTotals> rows, UsageKey key, UsageTotals totals) {
        UsageTotals sum = rows.merge(key, totals, UsageTotals::plus);
        if (sum.equals(UsageTotals.NONE)) {
            rows.remove(key);
        }
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

    public Map<UsageKey, UsageTotals> minutes() { return minutes; }

    public Map<UsageKey, UsageTotals> days() { return days; }

    public int records() { return records; }

    private Instant dayStart(Instant time) {
        if (time.isBefore(dayStart) || !time.isBefore(nextDayStart)) {
            dayStart = dayStart(time, dayZone);
            nextDayStart = nextDayStart(dayStart, dayZone);
        }
        return dayStart;
    }

    private static UsageKey key(UsageRecord record, int status, Instant start) {
        return new UsageKey(record.projectId(), record.api(), record.method(), status, start);
    }
}
