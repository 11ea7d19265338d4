package dev.tollgate.core.metering;

import java.util.Objects;

/**
 * What a ledger row adds up: calls, bytes each way, the sum of latencies (for averages) and how
 * the latencies spread (for percentiles). Rows written before the ledger kept the spread have an
 * empty histogram, so {@code latency.total()} may be below {@code calls}.
 */
public record UsageTotals(long calls, long bytesIn, long bytesOut, long latencyMicros, LatencyHistogram latency) {
    public static final UsageTotals NONE = new UsageTotals(0, 0, 0, 0);

    public UsageTotals {
        Objects.requireNonNull(latency, "latency");
    }

    /** Totals whose latencies' spread is not known. */
    public UsageTotals(long calls, long bytesIn, long bytesOut, long latencyMicros) {
        this(calls, bytesIn, bytesOut, latencyMicros, LatencyHistogram.EMPTY);
    }

    public static UsageTotals of(UsageRecord record) {
        return new UsageTotals(1, record.bytesIn(), record.bytesOut(), record.latencyMicros(), LatencyHistogram.of(record.latencyMicros()));
    }

    /** What a charge counted before its outcome was known: the call and the bytes it brought. */
    public UsageTotals chargeOnly() {
        return new UsageTotals(calls, bytesIn, 0, 0);
    }

    public UsageTotals negated() {
        return new UsageTotals(-calls, -bytesIn, -bytesOut, -latencyMicros);
    }

    public UsageTotals plus(UsageTotals other) {
        return new UsageTotals(calls + other.calls, bytesIn + other.bytesIn, bytesOut + other.bytesOut,
                latencyMicros + other.latencyMicros, latency.plus(other.latency));
    }
}
