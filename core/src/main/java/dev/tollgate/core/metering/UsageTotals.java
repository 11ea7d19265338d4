package dev.tollgate.core.metering;

/** What a ledger row adds up: calls, bytes each way, and the sum of latencies (for averages). */
public record UsageTotals(long calls, long bytesIn, long bytesOut, long latencyMicros) {
    public static final UsageTotals NONE = new UsageTotals(0, 0, 0, 0);

    public static UsageTotals of(UsageRecord record) {
        return new UsageTotals(1, record.bytesIn(), record.bytesOut(), record.latencyMicros());
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
                latencyMicros + other.latencyMicros);
    }
}
