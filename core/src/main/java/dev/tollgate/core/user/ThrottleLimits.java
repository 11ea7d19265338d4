package dev.tollgate.core.user;

import java.time.Duration;

/**
 * The sign-in throttle's numbers, each within one clock-aligned {@code window}:
 * <ul>
 * <li>{@code perAccount}: failures for one account from one source (a client address, or a browser
 * the account knows) before that source is refused for the account until the window ends;
 * <li>{@code perAddress}: failures from one address over any accounts (higher, since many people can
 * share one address behind a NAT) before the address is refused, except in browsers the account knows;
 * <li>{@code accountCeiling}: failures for one account from all addresses together (browsers it knows
 * not counted) after which attempts without a known browser are slowed, not stopped: one attempt per
 * delay for the whole account, the delay doubling from {@code firstDelay} with every further failure
 * up to {@code maxDelay}.
 * </ul>
 */
public record ThrottleLimits(int perAccount, int perAddress, Duration window, int accountCeiling, Duration firstDelay, Duration maxDelay) {
    public static final ThrottleLimits DEFAULT = new ThrottleLimits(5, 20, Duration.ofMinutes(15));

    /** With the ceiling at twice {@code perAccount} and delays from one second to one minute. */
    public ThrottleLimits(int perAccount, int perAddress, Duration window) {
        this(perAccount, perAddress, window, 2 * perAccount, Duration.ofSeconds(1), Duration.ofMinutes(1));
    }

    public ThrottleLimits {
        if (perAccount < 1 || perAddress < 1 || accountCeiling < 1 || window.isNegative() || window.isZero()
                || firstDelay.toMillis() < 1 || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("throttle limits must be positive");
        }
    }
}
