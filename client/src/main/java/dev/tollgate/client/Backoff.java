package dev.tollgate.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Retries of a token request after a network error or a 5xx answer: at most {@code maxAttempts} requests,
 * waiting an exponentially growing, fully jittered time in between (so that many clients that failed
 * together do not come back together).
 */
public record Backoff(int maxAttempts, Duration initialDelay, Duration maxDelay) {

    /** Four attempts, 250 ms then up to 0.5 s and 1 s, never more than 8 s. */
    public static final Backoff DEFAULT = new Backoff(4, Duration.ofMillis(250), Duration.ofSeconds(8));

    /** One attempt, no retry. */
    public static final Backoff NONE = new Backoff(1, Duration.ZERO, Duration.ZERO);

    public Backoff {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (initialDelay.isNegative() || maxDelay.isNegative()) {
            throw new IllegalArgumentException("delays must not be negative");
        }
    }

    /** The ceiling of the wait after the given failed attempt (1 = the first): initial × 2^(attempt-1), capped. */
    public Duration ceiling(int failedAttempt) {
        long millis = initialDelay.toMillis() << Math.min(20, Math.max(0, failedAttempt - 1));
        return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
    }

    /** A random wait between half the ceiling and the ceiling. */
    Duration delay(int failedAttempt) {
        long ceiling = ceiling(failedAttempt).toMillis();
        return Duration.ofMillis(ceiling <= 1 ? ceiling : ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }
}
