package dev.tollgate.core.metering;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one drain step adds to the ledger, and the journal position it moves the node to.
 *
 * @param expected the node's drained position the batch starts from; empty when the ledger has none yet
 * @param next the node's drained position once the batch is applied
 */
public record LedgerBatch(String nodeId, Optional<JournalPosition> expected, JournalPosition next,
                          Map<UsageKey, UsageTotals> minutes, Map<UsageKey, UsageTotals> days, Instant drainedAt) {
    public LedgerBatch {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(drainedAt, "drainedAt");
        minutes = Map.copyOf(minutes);
        days = Map.copyOf(days);
    }
}
