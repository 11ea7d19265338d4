package dev.tollgate.core.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void bucketsDoubleFrom250MicrosecondsAndABoundStartsItsBucket() {
        assertThat(LatencyHistogram.bucketOf(0)).isZero();
        assertThat(LatencyHistogram.bucketOf(249)).isZero();
        assertThat(LatencyHistogram.bucketOf(250)).isEqualTo(1);
        assertThat(LatencyHistogram.bucketOf(499)).isEqualTo(1);
        assertThat(LatencyHistogram.bucketOf(500)).isEqualTo(2);
        assertThat(LatencyHistogram.bucketOf(1_000)).isEqualTo(3);
        assertThat(LatencyHistogram.bucketOf(1_999)).isEqualTo(3);
        assertThat(LatencyHistogram.bucketOf(65_535_999)).isEqualTo(18);
        assertThat(LatencyHistogram.bucketOf(65_536_000)).isEqualTo(19);
        assertThat(LatencyHistogram.bucketOf(Long.MAX_VALUE)).isEqualTo(19);
    }

    @Test
    void theBoundsAreTheDocumentedOnesForGood() {
        long[] lower = new long[LatencyHistogram.BUCKETS];
        for (int i = 0; i < lower.length; i++) {
            lower[i] = LatencyHistogram.lowerBoundMicros(i);
        }
        assertThat(lower).containsExactly(0, 250, 500, 1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 512_000,
                1_024_000, 2_048_000, 4_096_000, 8_192_000, 16_384_000, 32_768_000, 65_536_000);
        assertThat(LatencyHistogram.upperBoundMicros(18)).hasValue(65_536_000);
        assertThat(LatencyHistogram.upperBoundMicros(19)).isEmpty();
        for (int i = 0; i < LatencyHistogram.BUCKETS; i++) {
            assertThat(LatencyHistogram.bucketOf(LatencyHistogram.lowerBoundMicros(i))).isEqualTo(i);
        }
    }

    @Test
    void noCallsHaveNoPercentiles() {
        assertThat(LatencyHistogram.EMPTY.percentileMicros(0.5)).isEmpty();
        assertThat(LatencyHistogram.EMPTY.percentileMicros(1)).isEmpty();
    }

    @Test
    void oneCallIsEstimatedAtTheMiddleOfItsBucket() {
        var one = LatencyHistogram.of(300);

        assertThat(one.percentileMicros(0.5)).hasValue(375);
        assertThat(one.percentileMicros(0.99)).hasValue(375);
        assertThat(one.percentileMicros(1)).hasValue(375);
        assertThat(LatencyHistogram.of(3).percentileMicros(0.5)).as("the first bucket starts at 0").hasValue(125);
    }

    @Test
    void theRankIsCountedInDecimalsAndCallsAreSpreadEvenlyOverTheirBucket() {
        // 95 calls in 1-2 ms and 5 in 128-256 ms.
        long[] counts = new long[LatencyHistogram.BUCKETS];
        counts[3] = 95;
        counts[10] = 5;
        var h = LatencyHistogram.ofCounts(counts);

        assertThat(h.percentileMicros(0.5).getAsDouble()).isCloseTo(1_000 + 1_000 * 49.5 / 95, within(1e-9));
        assertThat(h.percentileMicros(0.95).getAsDouble()).as("rank 95, not 96 by a binary rounding of 0.95 × 100")
                .isCloseTo(1_000 + 1_000 * 94.5 / 95, within(1e-9));
        assertThat(h.percentileMicros(0.96)).hasValue(128_000 + 128_000 * 0.5 / 5);
        assertThat(h.percentileMicros(0.99)).hasValue(128_000 + 128_000 * 3.5 / 5);
        assertThat(h.percentileMicros(1)).hasValue(128_000 + 128_000 * 4.5 / 5);
        assertThat(h.percentileMicros(0.001)).as("the smallest rank is the first call").hasValue(1_000 + 1_000 * 0.5 / 95);
    }

    @Test
    void aRankInTheLastBucketIsReportedAsItsStartBecauseItHasNoEnd() {
        var h = LatencyHistogram.of(1_000).plus(LatencyHistogram.of(90_000_000)).plus(LatencyHistogram.of(Long.MAX_VALUE));

        assertThat(h.percentileMicros(0.99)).hasValue(65_536_000);
        assertThat(h.percentileMicros(0.3)).hasValue(1_500);
    }

    @Test
    void histogramsOfRowsAddUpToTheHistogramOfAllTheirCalls() {
        var random = new Random(11);
        long[] all = new long[2_000];
        var minuteA = LatencyHistogram.EMPTY;
        var minuteB = LatencyHistogram.EMPTY;
        for (int i = 0; i < all.length; i++) {
            all[i] = (long) Math.exp(random.nextDouble() * 16);
            if (i % 3 == 0) {
                minuteA = minuteA.plus(LatencyHistogram.of(all[i]));
            } else {
                minuteB = minuteB.plus(LatencyHistogram.of(all[i]));
            }
        }
        var merged = minuteA.plus(minuteB);
        var whole = LatencyHistogram.EMPTY;
        for (long micros : all) {
            whole = whole.plus(LatencyHistogram.of(micros));
        }

        assertThat(merged).isEqualTo(whole);
        assertThat(merged.total()).isEqualTo(all.length);
        assertThat(minuteB.plus(minuteA)).isEqualTo(merged);
    }

    @Test
    void theEstimateIsAlwaysInTheBucketOfTheTruePercentile() {
        var random = new Random(7);
        for (int round = 0; round < 200; round++) {
            int n = 1 + random.nextInt(500);
            long[] latencies = new long[n];
            var h = LatencyHistogram.EMPTY;
            for (int i = 0; i < n; i++) {
                latencies[i] = (long) Math.exp(random.nextDouble() * 19);
                h = h.plus(LatencyHistogram.of(latencies[i]));
            }
            Arrays.sort(latencies);
            for (double q : new double[] {0.5, 0.9, 0.95, 0.99, 1}) {
                long truth = latencies[(int) Math.ceil(q * n - 1e-9) - 1];
                int bucket = LatencyHistogram.bucketOf(truth);
                double estimate = h.percentileMicros(q).getAsDouble();
                assertThat(estimate).as("p%s of %d calls", q, n).isGreaterThanOrEqualTo(LatencyHistogram.lowerBoundMicros(bucket));
                if (LatencyHistogram.upperBoundMicros(bucket).isPresent()) {
                    assertThat(estimate).isLessThan(LatencyHistogram.upperBoundMicros(bucket).getAsDouble());
                }
            }
        }
    }

    @Test
    void quantilesOutsideZeroToOneAndWrongBucketCountsAreRefused() {
        var h = LatencyHistogram.of(1);
        assertThatThrownBy(() -> h.percentileMicros(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> h.percentileMicros(1.01)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> h.percentileMicros(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LatencyHistogram.ofCounts(new long[19])).isInstanceOf(IllegalArgumentException.class);
        long[] negative = new long[LatencyHistogram.BUCKETS];
        negative[4] = -1;
        assertThatThrownBy(() -> LatencyHistogram.ofCounts(negative)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aHistogramKeepsNoReferenceToTheCountsItWasMadeFrom() {
        long[] counts = new long[LatencyHistogram.BUCKETS];
        counts[2] = 4;
        var h = LatencyHistogram.ofCounts(counts);
        counts[2] = 99;
        h.counts()[2] = 99;

        assertThat(h.count(2)).isEqualTo(4);
    }
}
