package dev.tollgate.core.throttle;

import java.time.Duration;

/**
 * An action refused by its throttle: pages answer 429 with {@link #getMessage()} and a
 * {@code Retry-After} of {@link #retryAfter()}.
 */
public final class Throttled extends RuntimeException {
    private final ThrottledAction action;
    private final Duration retryAfter;

    public Throttled(ThrottledAction action, Duration retryAfter) {
        super(action.message(), null, false, false);
        this.action = action;
        this.retryAfter = retryAfter;
    }

    public ThrottledAction action() { return action; }

    public Duration retryAfter() { return retryAfter; }
}
