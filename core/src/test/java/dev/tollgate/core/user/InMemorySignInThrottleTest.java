package dev.tollgate.core.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemorySignInThrottleTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final InMemorySignInThrottle throttle = new InMemorySignInThrottle(ThrottleLimits.DEFAULT, clock);
    private final InetAddress home = address("192.0.2.1");

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private void fail(String account, InetAddress from, int times) {
        for (int i = 0; i < times; i++) {
            throttle.recordFailure(account, from);
        }
    }

    @Test
    void accountIsBlockedAfterFiveFailuresWithinFifteenMinutes() {
        fail("alice@example.com", home, 4);
        assertThat(throttle.isBlocked("alice@example.com", home)).isFalse();
        fail("alice@example.com", home, 1);
        assertThat(throttle.isBlocked("alice@example.com", home)).isTrue();
        assertThat(throttle.isBlocked("alice@example.com", address("198.51.100.7"))).as("from anywhere").isTrue();
        assertThat(throttle.isBlocked("bob@example.com", address("198.51.100.7"))).isFalse();
    }

    @Test
    void accountNamesAreComparedIgnoringCaseAndSpaces() {
        fail("Alice@Example.com", home, 5);
        assertThat(throttle.isBlocked(" alice@example.com ", address("198.51.100.7"))).isTrue();
    }

    @Test
    void blockEndsWhenTheOldestCountedFailureLeavesTheWindow() {
        fail("alice@example.com", home, 1);
        clock.advance(Duration.ofMinutes(10));
        fail("alice@example.com", home, 4);
        assertThat(throttle.isBlocked("alice@example.com", home)).isTrue();
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(throttle.isBlocked("alice@example.com", home)).isFalse();
        fail("alice@example.com", home, 1);
        assertThat(throttle.isBlocked("alice@example.com", home)).as("five within the last 15 minutes again").isTrue();
        clock.advance(Duration.ofMinutes(16));
        assertThat(throttle.isBlocked("alice@example.com", home)).isFalse();
    }

    @Test
    void failuresSpreadOverMoreThanTheWindowNeverBlock() {
        for (int i = 0; i < 50; i++) {
            fail("alice@example.com", home, 1);
            clock.advance(Duration.ofMinutes(4));
            assertThat(throttle.isBlocked("alice@example.com", home)).isFalse();
        }
    }

    @Test
    void addressIsBlockedAfterTwentyFailuresOverAnyAccounts() {
        for (int i = 0; i < 19; i++) {
            fail("user" + i + "@example.com", home, 1);
        }
        assertThat(throttle.isBlocked("new@example.com", home)).isFalse();
        fail("user19@example.com", home, 1);
        assertThat(throttle.isBlocked("new@example.com", home)).isTrue();
        assertThat(throttle.isBlocked("new@example.com", address("192.0.2.2"))).isFalse();
    }

    @Test
    void ipv6AddressesCountPerSlash64() {
        for (int i = 0; i < 20; i++) {
            fail("user" + i + "@example.com", address("2001:db8:1:2::" + Integer.toHexString(i + 1)), 1);
        }
        assertThat(throttle.isBlocked("new@example.com", address("2001:db8:1:2:ffff::1"))).isTrue();
        assertThat(throttle.isBlocked("new@example.com", address("2001:db8:1:3::1"))).isFalse();
    }

    @Test
    void successClearsTheAccountButNotTheAddress() {
        fail("alice@example.com", home, 4);
        for (int i = 0; i < 15; i++) {
            fail("user" + i + "@example.com", home, 1);
        }
        throttle.recordSuccess("alice@example.com");
        fail("alice@example.com", home, 1);
        assertThat(throttle.isBlocked("alice@example.com", address("198.51.100.7"))).isFalse();
        assertThat(throttle.isBlocked("someone@example.com", home)).as("20 failures from home").isTrue();
    }

    @Test
    void hugeAccountNamesDoNotGrowTheKey() {
        fail("a".repeat(1_000_000), home, 5);
        assertThat(throttle.isBlocked("a".repeat(254), address("198.51.100.7"))).isTrue();
    }
}
