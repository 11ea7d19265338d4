package dev.tollgate.core.metering;

import java.util.Objects;
import java.util.Optional;

/** One row of a usage answer: the grouped-by fields (the others empty) and what their calls add up to. */
public record UsageRow(Optional<String> service, Optional<String> method, Optional<Integer> status,
                       Optional<UsageCredential> credential, UsageTotals totals) {
    public UsageRow {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(totals, "totals");
    }

    public long calls() {
        return totals.calls();
    }

    /** The group's latencies' spread: percentiles come from {@link LatencyHistogram#percentileMicros}. */
    public LatencyHistogram latency() {
        return totals.latency();
    }

    /** The same group with other totals: for adding up rows of the same group. */
    UsageRow withTotals(UsageTotals other) {
        return new UsageRow(service, method, status, credential, other);
    }

    /** The row without its totals: what identifies its group. */
    UsageRow group() {
        return withTotals(UsageTotals.NONE);
    }
}
