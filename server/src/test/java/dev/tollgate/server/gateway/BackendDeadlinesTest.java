package dev.tollgate.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.core5.concurrent.Cancellable;
import org.junit.jupiter.api.Test;

class BackendDeadlinesTest {
    private final AtomicInteger cancelled = new AtomicInteger();
    private final Cancellable exchange = () -> {
        cancelled.incrementAndGet();
        return true;
    };

    @Test
    void anExchangeWithoutProgressForTheTimeoutIsCancelledOnceAndNoLongerWatched() throws Exception {
        try (var deadlines = new BackendDeadlines(Duration.ofMillis(1))) {
            var watch = deadlines.watch(exchange);
            awaitNanos(Duration.ofMillis(5));
            deadlines.expireStalled();
            deadlines.expireStalled();
            assertThat(watch.expired()).isTrue();
            assertThat(cancelled).hasValue(1);
            assertThat(deadlines.watched()).isZero();
        }
    }

    @Test
    void anExchangeThatFailsToCancelDoesNotStopTheOthersBeingGivenUp() {
        try (var deadlines = new BackendDeadlines(Duration.ofMillis(1))) {
            var broken = deadlines.watch(() -> {
                throw new IllegalStateException("connection already gone");
            });
            var stalled = deadlines.watch(exchange);
            awaitNanos(Duration.ofMillis(5));
            deadlines.expireStalled();
            assertThat(broken.expired()).isTrue();
            assertThat(stalled.expired()).isTrue();
            assertThat(cancelled).hasValue(1);
        }
    }

    @Test
    void timeSpentWaitingOnTheCallerIsNotTheBackends() throws Exception {
        try (var deadlines = new BackendDeadlines(Duration.ofMillis(1))) {
            var watch = deadlines.watch(exchange);
            watch.waitingOnCaller(true);
            awaitNanos(Duration.ofMillis(5));
            deadlines.expireStalled();
            assertThat(watch.expired()).isFalse();
            assertThat(cancelled).hasValue(0);
        }
    }

    @Test
    void anExchangeWithinItsTimeoutOrClosedIsLeftAlone() {
        try (var deadlines = new BackendDeadlines(Duration.ofHours(1))) {
            var running = deadlines.watch(exchange);
            var finished = deadlines.watch(exchange);
            finished.close();
            deadlines.expireStalled();
            assertThat(running.expired()).isFalse();
            assertThat(cancelled).hasValue(0);
            assertThat(deadlines.watched()).isEqualTo(1);
        }
    }

    /** Lets at least {@code d} pass on the clock the deadlines read. */
    private static void awaitNanos(Duration d) {
        long until = System.nanoTime() + d.toNanos();
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }
}
