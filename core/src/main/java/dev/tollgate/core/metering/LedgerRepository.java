package dev.tollgate.core.metering;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The usage ledger in the database, shared by every node. */
public interface LedgerRepository {
    /** How far the node's journal is in the ledger; empty before its first batch. */
    Optional<JournalPosition> drainedPosition(String nodeId);

    /**
     * Adds the batch's minutes and days to the ledger and moves the node's drained position from
     * {@link LedgerBatch#expected()} to {@link LedgerBatch#next()}, all in one transaction: either
     * all of it happens or none of it.
     *
     * @throws PositionConflictException when the node's position is not {@code expected}; nothing was applied
     */
    void apply(LedgerBatch batch);

    /**
     * A project's per-minute rows whose minute starts in [{@code from}, {@code to}), added up per
     * group: calls, bytes, latency sums and each latency bucket. Rows of credentials not grouped
     * by are added together, so the answer per service, method and status is the same as before
     * the ledger kept credentials.
     */
    List<UsageRow> minuteUsage(String projectId, Instant from, Instant to, Set<GroupBy> groupBy);

    /** A project's per-day rows whose day starts in [{@code from}, {@code to}), added up per group as {@link #minuteUsage}. */
    List<UsageRow> dayUsage(String projectId, Instant from, Instant to, Set<GroupBy> groupBy);

    /** @return how many per-minute rows of minutes that started before {@code moment} were removed */
    int purgeMinutesBefore(Instant moment);
}
