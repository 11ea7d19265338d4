package dev.tollgate.core.counter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.quota.QuotaWindow;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LocalQuotaCountersTest {
    private static final Instant END = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void concurrentCallersGetExactlyTheLimit() throws Exception {
        var counters = new LocalQuotaCounters(Clock.systemUTC());
        var admitted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            pool.submit(() -> {
                for (int i = 0; i < 1000; i++) {
                    if (counters.tryAcquire("k", 1, 1234, END) != QuotaCounters.REFUSED) {
                        admitted.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(admitted.get()).isEqualTo(1234);
    }

    @Test
    void costCountsAndReleaseGivesBack() {
        var counters = new LocalQuotaCounters(Clock.systemUTC());
        assertThat(counters.tryAcquire("k", 5, 12, END)).isEqualTo(7);
        assertThat(counters.tryAcquire("k", 5, 12, END)).isEqualTo(2);
        assertThat(counters.tryAcquire("k", 5, 12, END)).isEqualTo(QuotaCounters.REFUSED);
        counters.release("k", 5);
        assertThat(counters.tryAcquire("k", 5, 12, END)).isEqualTo(2);
    }

    @Test
    void finishedWindowsAreSweptAway() {
        var clock = Clock.fixed(Instant.parse("2026-11-27T10:00:30Z"), ZoneOffset.UTC);
        var counters = new LocalQuotaCounters(clock);
        counters.tryAcquire("old", 1, 10, Instant.parse("2026-11-27T10:00:00Z"));
        counters.tryAcquire("live", 1, 10, Instant.parse("2026-11-27T10:01:00Z"));
        counters.sweep();
        assertThat(counters.size()).isEqualTo(1);
    }

    @Test
    void windowsAlignToTheClockAndTheDayZone() {
        Instant now = Instant.parse("2026-11-27T23:30:15Z");
        assertThat(QuotaWindow.MINUTE.start(now, ZoneOffset.UTC)).isEqualTo("2026-11-27T23:30:00Z");
        assertThat(QuotaWindow.MINUTE.end(now, ZoneOffset.UTC)).isEqualTo("2026-11-27T23:31:00Z");
        assertThat(QuotaWindow.DAY.end(now, ZoneOffset.UTC)).isEqualTo("2026-11-28T00:00:00Z");
        assertThat(QuotaWindow.DAY.start(now, java.time.ZoneId.of("America/Los_Angeles"))).isEqualTo("2026-11-27T08:00:00Z");
    }
}
