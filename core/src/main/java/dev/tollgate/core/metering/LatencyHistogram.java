package dev.tollgate.core.metering;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * How many calls took how long, in {@value #BUCKETS} buckets of fixed, log-scale bounds: bucket 0
 * holds latencies below 250 µs, bucket i (1 to 18) those in [250·2<sup>i−1</sup>, 250·2<sup>i</sup>) µs,
 * that is 0.25–0.5 ms, 0.5–1 ms, 1–2 ms … 32.768–65.536 s, and bucket 19 everything from 65.536 s on.
 *
 * <p>The ledger stores one count per bucket in every row, so the bounds can never change: rows
 * written with other bounds could not be added to these. Because the bounds are the same in every
 * row, histograms of any rows add up bucket by bucket, and a percentile of any range and grouping
 * is read off the sum (see {@link #percentileMicros}).
 */
public final class LatencyHistogram {
    public static final int BUCKETS = 20;
    /** The lowest bound; every next bound is twice the one before. */
    public static final long FIRST_BOUND_MICROS = 250;
    private static final int LAST = BUCKETS - 1;
    public static final LatencyHistogram EMPTY = new LatencyHistogram(new long[BUCKETS]);

    private final long[] counts;

    private LatencyHistogram(long[] counts) {
        this.counts = counts;
    }

    /** A histogram of the given per-bucket counts, as stored in a ledger row. */
    public static LatencyHistogram ofCounts(long... counts) {
        if (counts.length != BUCKETS) {
            throw new IllegalArgumentException("a latency histogram has " + BUCKETS + " buckets, not " + counts.length);
        }
        for (long c : counts) {
            if (c < 0) {
                throw new IllegalArgumentException("a bucket cannot hold a negative count");
            }
        }
        return new LatencyHistogram(counts.clone());
    }

    /** A histogram of one call. */
    public static LatencyHistogram of(long latencyMicros) {
        long[] counts = new long[BUCKETS];
        counts[bucketOf(latencyMicros)] = 1;
        return new LatencyHistogram(counts);
    }

    /** The bucket that holds a latency: a bound belongs to the bucket it starts. */
    public static int bucketOf(long latencyMicros) {
        if (latencyMicros < FIRST_BOUND_MICROS) {
            return 0;
        }
        int doublings = 63 - Long.numberOfLeadingZeros(latencyMicros / FIRST_BOUND_MICROS);
        return Math.min(doublings + 1, LAST);
    }

    /** Where bucket {@code i} starts: 0 for the first. */
    public static long lowerBoundMicros(int bucket) {
        return bucket == 0 ? 0 : FIRST_BOUND_MICROS << (bucket - 1);
    }

    /** Where bucket {@code i} ends (exclusive); the last bucket has no end. */
    public static OptionalDouble upperBoundMicros(int bucket) {
        return bucket == LAST ? OptionalDouble.empty() : OptionalDouble.of(FIRST_BOUND_MICROS << bucket);
    }

    public long count(int bucket) {
        return counts[bucket];
    }

    /** A copy of the per-bucket counts. */
    public long[] counts() {
        return counts.clone();
    }

    /** How many calls the histogram holds. */
    public long total() {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        return n;
    }

    public LatencyHistogram plus(LatencyHistogram other) {
        long[] sum = new long[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) {
            sum[i] = counts[i] + other.counts[i];
        }
        return new LatencyHistogram(sum);
    }

    /**
     * An estimate of the latency below which a {@code quantile} of the calls fall (0.5 for p50,
     * 0.99 for p99); empty when the histogram holds no calls.
     *
     * <p>The call of rank ⌈quantile·n⌉ (nearest rank, 1 to n) is found in its bucket; the c calls of
     * that bucket are taken as spread evenly over it, the k-th of them at the middle of the k-th of
     * c equal slices. So the estimate is never outside the bucket that certainly holds the true
     * value, and is off by at most half the bucket's width (a factor of 2 at worst, as the buckets
     * grow by 2). A rank in the last bucket, which has no end, is reported as its start, 65.536 s:
     * read it as "at least".
     *
     * @throws IllegalArgumentException unless 0 &lt; quantile ≤ 1
     */
    public OptionalDouble percentileMicros(double quantile) {
        if (!(quantile > 0 && quantile <= 1)) {
            throw new IllegalArgumentException("a quantile is above 0 and at most 1: " + quantile);
        }
        long n = total();
        if (n == 0) {
            return OptionalDouble.empty();
        }
        // Decimal arithmetic, so that 0.95 of 100 calls is rank 95 and not 96 by a binary rounding.
        long rank = BigDecimal.valueOf(quantile).multiply(BigDecimal.valueOf(n)).setScale(0, RoundingMode.CEILING).longValueExact();
        rank = Math.max(1, rank);
        long before = 0;
        for (int i = 0; i < BUCKETS; i++) {
            if (before + counts[i] >= rank) {
                double lower = lowerBoundMicros(i);
                OptionalDouble upper = upperBoundMicros(i);
                if (upper.isEmpty()) {
                    return OptionalDouble.of(lower);
                }
                double slice = (upper.getAsDouble() - lower) / counts[i];
                return OptionalDouble.of(lower + slice * (rank - before - 0.5));
            }
            before += counts[i];
        }
        throw new IllegalStateException("rank " + rank + " beyond " + n + " calls");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LatencyHistogram other && Arrays.equals(counts, other.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "LatencyHistogram" + Arrays.toString(counts);
    }
}
