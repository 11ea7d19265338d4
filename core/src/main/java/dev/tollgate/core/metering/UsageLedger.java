package dev.tollgate.core.metering;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the ledger for the usage API and for billing, and purges its old minutes.
 *
 * <p>Which rows answer a range [start, end): per-minute rows where they are still kept (they are
 * kept for {@link LedgerSettings#minuteRetention()}), so recent ranges are exact to the minute
 * (start rounded down to its minute; a minute counts when it starts before end). For the part of
 * a range that begins before that, per-day rows of the ledger's day zone answer, from the day that
 * holds start up to the first midnight from which every minute is still kept: that part is widened
 * to whole days. A range that begins at a midnight of the day zone, such as a month in that zone,
 * is therefore always exact.
 */
public final class UsageLedger {
    /** Minutes this close to the purge boundary are not relied on, so that nodes' clocks may differ. */
    private static final Duration CLOCK_MARGIN = Duration.ofHours(1);
    /** What a bill is made of: credentials are added up, so that a bill does not depend on which keys called. */
    private static final Set<GroupBy> BILLED = EnumSet.of(GroupBy.SERVICE, GroupBy.METHOD, GroupBy.STATUS);
    private static final Comparator<UsageRow> ROW_ORDER = Comparator
            .comparing((UsageRow r) -> r.service().orElse(""))
            .thenComparing(r -> r.method().orElse(""))
            .thenComparing(r -> r.status().orElse(0))
            .thenComparing(r -> r.credential().orElse(UsageCredential.UNRECORDED));

    private final LedgerRepository repository;
    private final LedgerSettings settings;
    private final Clock clock;

    public UsageLedger(LedgerRepository repository, LedgerSettings settings, Clock clock) {
        this.repository = repository;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * A project's calls in [start, end), one row per group of the chosen fields, in the order of
     * service, method, status and credential; no rows when there were no calls. Each row carries
     * the latency histogram of its calls, added up over the range, for percentiles.
     */
    public List<UsageRow> usage(String projectId, Instant start, Instant end, Set<GroupBy> groupBy) {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("The end of the range must not be before its start.");
        }
        List<UsageRow> parts = new ArrayList<>();
        Instant minutesFrom = UsageAggregation.minuteStart(start);
        Instant minutesKept = minutesKeptFrom();
        if (start.isBefore(minutesKept)) {
            Instant firstWholeDay = nextMidnight(minutesKept);
            Instant daysEnd = end.isBefore(firstWholeDay) ? end : firstWholeDay;
            parts.addAll(repository.dayUsage(projectId, UsageAggregation.dayStart(start, settings.dayZone()), daysEnd, groupBy));
            minutesFrom = daysEnd;
        }
        if (minutesFrom.isBefore(end)) {
            parts.addAll(repository.minuteUsage(projectId, minutesFrom, end, groupBy));
        }
        return merge(parts);
    }

    /**
     * A project's calls in a month, per API, method and status. Exact when {@code zone} is the
     * ledger's day zone; otherwise the month's first day may be widened (see the class comment).
     */
    public List<MethodCalls> monthlyCalls(String projectId, YearMonth month, ZoneId zone) {
        Instant start = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        return usage(projectId, start, end, BILLED).stream()
                .map(r -> new MethodCalls(r.service().orElseThrow(), r.method().orElseThrow(), r.status().orElseThrow(), r.calls()))
                .toList();
    }

    /** Removes the per-minute rows past their retention; meant to run every hour or so, on any node. */
    public int purgeExpiredMinutes() {
        return repository.purgeMinutesBefore(UsageAggregation.minuteStart(clock.instant().minus(settings.minuteRetention())));
    }

    /** From this minute on, every per-minute row is certainly still kept. */
    Instant minutesKeptFrom() {
        Instant purgedBefore = UsageAggregation.minuteStart(clock.instant().minus(settings.minuteRetention()));
        return purgedBefore.plus(CLOCK_MARGIN);
    }

    private Instant nextMidnight(Instant moment) {
        Instant dayStart = UsageAggregation.dayStart(moment, settings.dayZone());
        return dayStart.equals(moment) ? moment : UsageAggregation.nextDayStart(dayStart, settings.dayZone());
    }

    private static List<UsageRow> merge(List<UsageRow> parts) {
        Map<UsageRow, UsageTotals> groups = new LinkedHashMap<>();
        for (UsageRow row : parts) {
            groups.merge(row.group(), row.totals(), UsageTotals::plus);
        }
        List<UsageRow> rows = new ArrayList<>();
        groups.forEach((group, totals) -> {
            if (totals.calls() > 0) {
                rows.add(group.withTotals(totals));
            }
        });
        rows.sort(ROW_ORDER);
        return rows;
    }
}
