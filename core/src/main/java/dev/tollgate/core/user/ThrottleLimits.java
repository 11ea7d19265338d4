package dev.tollgate.core.user;

import java.time.Duration;

/**
 * How many failed sign-ins a {@link SignInThrottle} allows within {@code window}: per account,
 * and per client address (higher, since many people can share one address behind a NAT).
 */
public record ThrottleLimits(int perAccount, int perAddress, Duration window) {
    public static final ThrottleLimits DEFAULT = new ThrottleLimits(5, 20, Duration.ofMinutes(15));

    public ThrottleLimits {
        if (perAccount < 1 || perAddress < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("throttle limits must be positive");
        }
    }
}
