package dev.tollgate.server.gateway;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hc.core5.concurrent.Cancellable;

/**
 * Gives up a backend exchange that has waited on its backend for longer than the backend timeout
 * without progress: waiting to write the caller's body to it, for its answer's head, or for the next
 * bytes of its body. Time spent waiting on the caller (a slow upload, a slow reader) is not the
 * backend's and does not count.
 *
 * <p>A socket read timeout would only cover reads: a backend that stops reading a large body would
 * hold the request thread for good. It is also dearer on JDK 17, where every timed read is a
 * non-blocking read, a {@code poll} and a second read. Here one thread looks at the exchanges in flight
 * a few times a timeout, and a call pays for adding itself to a set and leaving it.
 */
final class BackendDeadlines implements AutoCloseable {
    private final long timeoutNanos;
    private final Set<Watch> inFlight = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService checker;

    BackendDeadlines(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
        long periodMillis = Math.max(10, Math.min(250, timeout.toMillis() / 10));
        this.checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tollgate-backend-deadlines");
            t.setDaemon(true);
            return t;
        });
        checker.scheduleAtFixedRate(this::expireStalled, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** Starts watching an exchange: from now on it must make progress within the timeout, or be cancelled. */
    Watch watch(Cancellable exchange) {
        var watch = new Watch(exchange);
        inFlight.add(watch);
        return watch;
    }

    /** How many exchanges are watched now. */
    int watched() {
        return inFlight.size();
    }

    void expireStalled() {
        long now = System.nanoTime();
        for (Watch watch : inFlight) {
            if (!watch.onCaller && now - watch.lastProgress > timeoutNanos) {
                try {
                    watch.expire();
                } catch (RuntimeException e) {
                    // One exchange that cannot be cancelled must not end the checks: a periodic task that throws is never run again.
                }
            }
        }
    }

    @Override
    public void close() {
        checker.shutdownNow();
    }

    /** One exchange's last sign of life. */
    final class Watch implements AutoCloseable {
        private final Cancellable exchange;
        private volatile long lastProgress = System.nanoTime();
        private volatile boolean onCaller;
        private volatile boolean expired;

        private Watch(Cancellable exchange) {
            this.exchange = exchange;
        }

        /** Bytes moved: the backend gets a full timeout again. */
        void progressed() {
            lastProgress = System.nanoTime();
        }

        /** Waiting on the caller from now on, or no longer: that time is not the backend's. */
        void waitingOnCaller(boolean waiting) {
            if (!waiting) {
                lastProgress = System.nanoTime();
            }
            onCaller = waiting;
        }

        /** Whether the exchange was given up because its backend stalled. */
        boolean expired() {
            return expired;
        }

        private void expire() {
            expired = true;
            inFlight.remove(this);
            exchange.cancel();
        }

        @Override
        public void close() {
            inFlight.remove(this);
        }
    }
}
