package dev.tollgate.server.gateway;

import java.time.Duration;

/** How many calls a listener has in flight, so that stopping it can wait for them to finish. */
final class CallsInFlight {
    private int count;

    synchronized void enter() {
        count++;
    }

    synchronized void leave() {
        if (--count == 0) {
            notifyAll();
        }
    }

    synchronized int count() {
        return count;
    }

    /** Waits until no call is in flight, or {@code limit} has passed; keeps an interrupt. */
    synchronized void awaitNone(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        long left;
        while (count > 0 && (left = deadline - System.nanoTime()) > 0) {
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
