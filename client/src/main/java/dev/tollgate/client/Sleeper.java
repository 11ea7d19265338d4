package dev.tollgate.client;

import java.io.InterruptedIOException;
import java.time.Duration;

/** Waits; tests replace it to record the waits instead of spending them. */
@FunctionalInterface
interface Sleeper {
    Sleeper REAL = wait -> {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting");
        }
    };

    void sleep(Duration wait) throws InterruptedIOException;
}
