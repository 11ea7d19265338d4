package dev.tollgate.core.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.user.MutableClock;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ActionThrottleTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final ActionThrottle throttle = ActionThrottle.inMemory(clock);

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static InetAddress nth(int n) {
        return address("10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255));
    }

    @Test
    void eachAddressHasItsLimitPerWindow() {
        InetAddress a = address("198.51.100.7");
        for (int i = 0; i < ThrottledAction.PASSWORD_RESET.perAddress(); i++) {
            throttle.admit(ThrottledAction.PASSWORD_RESET, a, Optional.of("user" + i + "@example.com"));
        }
        assertThatThrownBy(() -> throttle.admit(ThrottledAction.PASSWORD_RESET, a, Optional.of("another@example.com")))
                .isInstanceOfSatisfying(Throttled.class, t -> {
                    assertThat(t.action()).isEqualTo(ThrottledAction.PASSWORD_RESET);
                    assertThat(t.getMessage()).isEqualTo(ThrottledAction.PASSWORD_RESET.message());
                    assertThat(t.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofHours(1));
                });
        throttle.admit(ThrottledAction.PASSWORD_RESET, address("198.51.100.8"), Optional.of("another@example.com"));
        throttle.admit(ThrottledAction.VERIFICATION_MAIL, a, Optional.of("another@example.com"));
        clock.advance(Duration.ofHours(1));
        throttle.admit(ThrottledAction.PASSWORD_RESET, a, Optional.of("another@example.com"));
    }

    @Test
    void eachSubjectHasItsLimitFromAnyAddressIgnoringCase() {
        for (int i = 0; i < ThrottledAction.PASSWORD_RESET.perSubject(); i++) {
            throttle.admit(ThrottledAction.PASSWORD_RESET, nth(i), Optional.of(i % 2 == 0 ? "Alice@Example.com" : " alice@example.com"));
        }
        assertThatThrownBy(() -> throttle.admit(ThrottledAction.PASSWORD_RESET, nth(99), Optional.of("alice@example.com")))
                .isInstanceOf(Throttled.class);
        throttle.admit(ThrottledAction.PASSWORD_RESET, nth(99), Optional.of("bob@example.com"));
    }

    @Test
    void theGlobalLimitHoldsAgainstManyAddresses() {
        for (int i = 0; i < ThrottledAction.SIGN_UP.global(); i++) {
            throttle.admit(ThrottledAction.SIGN_UP, nth(i));
        }
        assertThatThrownBy(() -> throttle.admit(ThrottledAction.SIGN_UP, nth(1_000_000))).isInstanceOf(Throttled.class);
    }

    @Test
    void aRefusedAttemptCountsNothingAndAGivenBackOneIsUncounted() {
        InetAddress a = address("198.51.100.7");
        for (int i = 0; i < ThrottledAction.DEVICE_CODE_GUESS.perSubject(); i++) {
            throttle.admit(ThrottledAction.DEVICE_CODE_GUESS, a, Optional.of("person-1"));
        }
        for (int i = 0; i < 100; i++) {
            assertThatThrownBy(() -> throttle.admit(ThrottledAction.DEVICE_CODE_GUESS, a, Optional.of("person-1"))).isInstanceOf(Throttled.class);
        }
        // The refusals above took nothing from the address: another person there still has all of theirs but what person-1 used.
        int left = ThrottledAction.DEVICE_CODE_GUESS.perAddress() - ThrottledAction.DEVICE_CODE_GUESS.perSubject();
        for (int i = 0; i < left; i++) {
            ActionThrottle.Admission right = throttle.admit(ThrottledAction.DEVICE_CODE_GUESS, a, Optional.of("person-2"));
            right.giveBack();
            right.giveBack();
        }
        for (int i = 0; i < Math.min(left, ThrottledAction.DEVICE_CODE_GUESS.perSubject()); i++) {
            throttle.admit(ThrottledAction.DEVICE_CODE_GUESS, a, Optional.of("person-2"));
        }
    }

    @Test
    void ipv6AddressesOfOneSlash64ShareALimit() {
        for (int i = 0; i < ThrottledAction.SIGN_UP.perAddress(); i++) {
            throttle.admit(ThrottledAction.SIGN_UP, address("2001:db8:0:1::" + Integer.toHexString(i + 1)));
        }
        assertThatThrownBy(() -> throttle.admit(ThrottledAction.SIGN_UP, address("2001:db8:0:1:abcd::1"))).isInstanceOf(Throttled.class);
        throttle.admit(ThrottledAction.SIGN_UP, address("2001:db8:0:2::1"));
    }

    @Test
    void aLoopbackClientIsNotLimitedPerAddressButStillPerSubjectAndGlobally() {
        InetAddress local = InetAddress.getLoopbackAddress();
        for (int i = 0; i < 2 * ThrottledAction.SIGN_UP.perAddress(); i++) {
            throttle.admit(ThrottledAction.SIGN_UP, local);
        }
        for (int i = 0; i < ThrottledAction.PASSWORD_RESET.perSubject(); i++) {
            throttle.admit(ThrottledAction.PASSWORD_RESET, local, Optional.of("alice@example.com"));
        }
        assertThatThrownBy(() -> throttle.admit(ThrottledAction.PASSWORD_RESET, local, Optional.of("alice@example.com")))
                .isInstanceOf(Throttled.class);
    }
}
