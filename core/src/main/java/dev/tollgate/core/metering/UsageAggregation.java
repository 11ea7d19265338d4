package dev.tollgate.core.metering;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/** Adds records up per project, API, method, status and minute, and the same per day in a time zone. */
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
        UsageTotals totals = UsageTotals.of(record);
        minutes.merge(key(record, minuteStart(record.time())), totals, UsageTotals::plus);
        days.merge(key(record, dayStart(record.time())), totals, UsageTotals::plus);
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

    private static UsageKey key(UsageRecord record, Instant start) {
        return new UsageKey(record.projectId(), record.api(), record.method(), record.status(), start);
    }
}
