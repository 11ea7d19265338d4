package dev.tollgate.core.metering;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A ledger in memory with the repository's all-or-nothing contract, for tests of the domain. */
class InMemoryLedger implements LedgerRepository {
    final Map<UsageKey, UsageTotals> minutes = new HashMap<>();
    final Map<UsageKey, UsageTotals> days = new HashMap<>();
    final Map<String, JournalPosition> positions = new HashMap<>();
    int applied;

    @Override
    public synchronized Optional<JournalPosition> drainedPosition(String nodeId) {
        return Optional.ofNullable(positions.get(nodeId));
    }

    @Override
    public synchronized void apply(LedgerBatch batch) {
        if (!Optional.ofNullable(positions.get(batch.nodeId())).equals(batch.expected())) {
            throw new PositionConflictException("node " + batch.nodeId() + " is at " + positions.get(batch.nodeId()));
        }
        positions.put(batch.nodeId(), batch.next());
        batch.minutes().forEach((k, v) -> minutes.merge(k, v, UsageTotals::plus));
        batch.days().forEach((k, v) -> days.merge(k, v, UsageTotals::plus));
        applied++;
    }

    @Override
    public synchronized List<UsageRow> minuteUsage(String projectId, Instant from, Instant to, Set<GroupBy> groupBy) {
        return sum(minutes, projectId, from, to, groupBy);
    }

    @Override
    public synchronized List<UsageRow> dayUsage(String projectId, Instant from, Instant to, Set<GroupBy> groupBy) {
        return sum(days, projectId, from, to, groupBy);
    }

    @Override
    public synchronized int purgeMinutesBefore(Instant moment) {
        int before = minutes.size();
        minutes.keySet().removeIf(k -> k.start().isBefore(moment));
        return before - minutes.size();
    }

    synchronized long totalMinuteCalls() {
        return minutes.values().stream().mapToLong(UsageTotals::calls).sum();
    }

    synchronized long totalDayCalls() {
        return days.values().stream().mapToLong(UsageTotals::calls).sum();
    }

    private static List<UsageRow> sum(Map<UsageKey, UsageTotals> rows, String projectId, Instant from, Instant to, Set<GroupBy> groupBy) {
        Map<UsageRow, UsageTotals> groups = new LinkedHashMap<>();
        rows.forEach((k, v) -> {
            if (k.projectId().equals(projectId) && !k.start().isBefore(from) && k.start().isBefore(to)) {
                var group = new UsageRow(
                        groupBy.contains(GroupBy.SERVICE) ? Optional.of(k.api()) : Optional.empty(),
                        groupBy.contains(GroupBy.METHOD) ? Optional.of(k.method()) : Optional.empty(),
                        groupBy.contains(GroupBy.STATUS) ? Optional.of(k.status()) : Optional.empty(),
                        groupBy.contains(GroupBy.CREDENTIAL) ? Optional.of(k.credential()) : Optional.empty(), UsageTotals.NONE);
                groups.merge(group, v, UsageTotals::plus);
            }
        });
        List<UsageRow> result = new ArrayList<>();
        groups.forEach((g, t) -> result.add(g.withTotals(t)));
        return result;
    }
}
