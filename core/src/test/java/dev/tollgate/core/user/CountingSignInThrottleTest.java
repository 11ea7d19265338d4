package dev.tollgate.core.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class CountingSignInThrottleTest {
    private static final String OWNER = "alice@example.com";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final InMemorySignInThrottle throttle = new InMemorySignInThrottle(ThrottleLimits.DEFAULT, clock);
    private final InetAddress owners = address("192.0.2.1");
    private final InetAddress attackers = address("198.51.100.7");

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** The n-th address of a botnet. */
    static InetAddress bot(int n) {
        return address("203.0." + (n / 250) + "." + (1 + n % 250));
    }

    private static SignInSource from(InetAddress address) {
        return SignInSource.from(OWNER, address);
    }

    private static SignInSource knownBrowser(String deviceHash) {
        return new SignInSource(OWNER, address("192.0.2.99"), Optional.of(deviceHash));
    }

    /** Runs one attempt with a wrong password; returns the refusal, if the throttle refused it. */
    private Optional<AccountException> fail(SignInSource source) {
        try {
            throttle.begin(source);
            return Optional.empty();
        } catch (AccountException e) {
            assertThat(e.problem()).isEqualTo(AccountProblem.TOO_MANY_ATTEMPTS);
            return Optional.of(e);
        }
    }

    private boolean signsIn(SignInSource source) {
        try {
            throttle.begin(source).succeeded();
            return true;
        } catch (AccountException e) {
            return false;
        }
    }

    @Test
    void fiveFailuresRefuseOnlyTheAddressTheyCameFrom() {
        for (int i = 0; i < 5; i++) {
            assertThat(fail(from(attackers))).as("failure %d", i + 1).isEmpty();
        }
        Optional<AccountException> refused = fail(from(attackers));
        assertThat(refused).isPresent();
        assertThat(refused.get().retryAfter()).hasValueSatisfying(d -> assertThat(d).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(15)));
        assertThat(signsIn(from(attackers))).as("not even the right password from the attacker's address").isFalse();
        assertThat(signsIn(from(owners))).as("the owner from their own address").isTrue();
    }

    @Test
    void accountNamesAreComparedIgnoringCaseAndSpaces() {
        for (int i = 0; i < 5; i++) {
            fail(new SignInSource(" Alice@Example.COM ", attackers, Optional.empty()));
        }
        assertThat(fail(from(attackers))).isPresent();
    }

    @Test
    void theRefusalEndsWithTheWindow() {
        for (int i = 0; i < 5; i++) {
            fail(from(attackers));
        }
        Duration wait = fail(from(attackers)).orElseThrow().retryAfter().orElseThrow();
        clock.advance(wait.minusSeconds(1));
        assertThat(signsIn(from(attackers))).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(signsIn(from(attackers))).isTrue();
    }

    @Test
    void aRightPasswordForgetsThatSourcesFailuresOnly() {
        var throttle = new InMemorySignInThrottle(new ThrottleLimits(5, 20, Duration.ofMinutes(15), 100, Duration.ofSeconds(1),
                Duration.ofMinutes(1)), clock);
        for (int i = 0; i < 4; i++) {
            throttle.begin(from(owners));
            throttle.begin(from(attackers));
        }
        throttle.begin(from(owners)).succeeded();
        for (int i = 0; i < 5; i++) {
            throttle.begin(from(owners));
        }
        throttle.begin(from(attackers));
        assertThatThrownBy(() -> throttle.begin(from(attackers))).as("the attacker's sixth").isInstanceOf(AccountException.class);
        assertThatThrownBy(() -> throttle.begin(from(owners))).as("the owner's sixth since the right password").isInstanceOf(AccountException.class);
    }

    @Test
    void twentyFailuresFromOneAddressOverAnyAccountsRefuseThatAddress() {
        for (int i = 0; i < 20; i++) {
            assertThat(fail(SignInSource.from("someone" + i + "@example.com", attackers))).isEmpty();
        }
        assertThat(signsIn(from(attackers))).isFalse();
        assertThat(signsIn(from(owners))).isTrue();
    }

    @Test
    void ipv6AddressesOfOneSlash64CountAsOne() {
        for (int i = 0; i < 5; i++) {
            fail(from(address("2001:db8:1:2::" + Integer.toHexString(i + 1))));
        }
        assertThat(fail(from(address("2001:db8:1:2:ffff::1")))).isPresent();
        assertThat(fail(from(address("2001:db8:1:3::1")))).isEmpty();
    }

    @Test
    void failuresFromManyAddressesSlowTheAccountWithDoublingDelaysButNeverStopIt() {
        int bots = 0;
        for (; bots < 10; bots++) {
            assertThat(fail(from(bot(bots)))).as("below the ceiling").isEmpty();
        }
        // Past the ceiling: one attempt per delay for the whole account, the delay doubling with every
        // failure; the attempt after the one that passed has the next delay.
        Duration expected = Duration.ofSeconds(2);
        for (int round = 0; round < 8; round++) {
            assertThat(fail(from(bot(bots++)))).as("the first attempt of delay slot %d", round).isEmpty();
            Optional<AccountException> next = fail(from(bot(bots++)));
            assertThat(next).as("a second attempt in the same slot").isPresent();
            assertThat(next.get().retryAfter().orElseThrow()).isLessThanOrEqualTo(expected);
            clock.advance(next.get().retryAfter().orElseThrow());
            expected = expected.multipliedBy(2).compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : expected.multipliedBy(2);
        }
        assertThat(signsIn(from(owners))).as("after waiting, the owner from a new address still gets through").isTrue();
    }

    @Test
    void delaysDoubleFromOneSecondUpToOneMinute() {
        assertThat(throttle.delay(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.delay(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(throttle.delay(5)).isEqualTo(Duration.ofSeconds(32));
        assertThat(throttle.delay(6)).isEqualTo(Duration.ofMinutes(1));
        assertThat(throttle.delay(1_000)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aKnownBrowserIsNeverRefusedForFailuresElsewhere() {
        for (int i = 0; i < 200; i++) {
            fail(from(bot(i)));
        }
        for (int i = 0; i < 20; i++) {
            fail(SignInSource.from("someone" + i + "@example.com", address("192.0.2.99")));
        }
        assertThat(signsIn(from(bot(500)))).as("an unknown browser is slowed").isFalse();
        assertThat(signsIn(new SignInSource(OWNER, address("192.0.2.99"), Optional.empty())))
                .as("its address is refused for unknown browsers").isFalse();
        assertThat(signsIn(knownBrowser("device-hash"))).as("the owner's known browser, on that same address").isTrue();
    }

    @Test
    void aKnownBrowserCountsItsOwnFailuresLikeAnAddress() {
        for (int i = 0; i < 5; i++) {
            assertThat(fail(knownBrowser("stolen-cookie"))).isEmpty();
        }
        assertThat(fail(knownBrowser("stolen-cookie"))).as("a stolen device cookie buys five guesses a window").isPresent();
        assertThat(signsIn(knownBrowser("other-browser"))).isTrue();
        assertThat(signsIn(from(owners))).isTrue();
    }

    @Test
    void concurrentAttemptsCannotPassTheLimit() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Boolean>> attempts = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                attempts.add(() -> fail(from(attackers)).isEmpty());
            }
            long admitted = 0;
            for (Future<Boolean> f : pool.invokeAll(attempts)) {
                admitted += f.get() ? 1 : 0;
            }
            assertThat(admitted).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
    }
}
