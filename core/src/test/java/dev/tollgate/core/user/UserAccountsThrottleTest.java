package dev.tollgate.core.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.throttle.ActionThrottle;
import dev.tollgate.core.throttle.Throttled;
import dev.tollgate.core.throttle.ThrottledAction;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The sign-in and sign-up throttles as {@link UserAccounts} applies them, with known browsers. */
class UserAccountsThrottleTest {
    private static final String PASSWORD = "correct horse";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final InMemoryUsers users = new InMemoryUsers();
    private final InMemoryKnownDevices devices = new InMemoryKnownDevices();
    private final UserAccounts accounts = new UserAccounts(users, new PasswordHasher(), new InMemorySignInThrottle(ThrottleLimits.DEFAULT, clock),
            SignUpMode.OPEN, UserAccountsTest.adminIsOnlyPlatformAdmin(), new KnownDevices(devices, clock), ActionThrottle.inMemory(clock), clock);
    private final InetAddress home = CountingSignInThrottleTest.address("192.0.2.1");

    private AccountProblem signIn(String email, String password, InetAddress from, Optional<String> deviceCookie) {
        try {
            accounts.authenticate(email, password, from, deviceCookie);
            return null;
        } catch (AccountException e) {
            return e.problem();
        }
    }

    @Test
    void theOwnersKnownBrowserSignsInWhateverFailsElsewhere() {
        User alice = accounts.signUp("alice@example.com", PASSWORD, home);
        accounts.authenticate("alice@example.com", PASSWORD, home, Optional.empty());
        String cookie = accounts.rememberDevice(alice, Optional.empty());

        for (int i = 0; i < 40; i++) {
            signIn("alice@example.com", "wrong horse", CountingSignInThrottleTest.bot(i), Optional.empty());
        }
        for (int i = 0; i < 20; i++) {
            signIn("other" + i + "@example.com", "wrong horse", home, Optional.empty());
        }
        assertThat(signIn("alice@example.com", PASSWORD, CountingSignInThrottleTest.bot(100), Optional.empty()))
                .as("a new browser is slowed").isEqualTo(AccountProblem.TOO_MANY_ATTEMPTS);
        assertThat(signIn("alice@example.com", PASSWORD, home, Optional.empty()))
                .as("the home address is refused to browsers it does not know").isEqualTo(AccountProblem.TOO_MANY_ATTEMPTS);
        assertThat(signIn("alice@example.com", PASSWORD, home, Optional.of(cookie))).as("the owner's browser").isNull();
        assertThat(signIn("alice@example.com", PASSWORD, CountingSignInThrottleTest.bot(101), Optional.of(cookie)))
                .as("the owner's browser on another network").isNull();
    }

    @Test
    void aDeviceCookieOfAnotherAccountDoesNotHelp() {
        User mallory = accounts.signUp("mallory@example.com", PASSWORD, home);
        String mallorysCookie = accounts.rememberDevice(mallory, Optional.empty());
        accounts.signUp("alice@example.com", PASSWORD, home);
        for (int i = 0; i < 5; i++) {
            assertThat(signIn("alice@example.com", "guess " + i, home, Optional.of(mallorysCookie))).isEqualTo(AccountProblem.SIGN_IN_FAILED);
        }
        assertThat(signIn("alice@example.com", PASSWORD, home, Optional.of(mallorysCookie))).isEqualTo(AccountProblem.TOO_MANY_ATTEMPTS);
    }

    @Test
    void signUpsAreCountedPerAddressAndOnlyWhenTheyCouldCreateAnAccount() {
        InetAddress busy = CountingSignInThrottleTest.address("198.51.100.7");
        for (int i = 0; i < 50; i++) {
            String email = "bad" + i + "@example.com";
            assertThatThrownBy(() -> accounts.signUp(email, "short", busy)).isInstanceOf(AccountException.class);
        }
        for (int i = 0; i < ThrottledAction.SIGN_UP.perAddress(); i++) {
            accounts.signUp("p" + i + "@example.com", PASSWORD, busy);
        }
        assertThatThrownBy(() -> accounts.signUp("one-more@example.com", PASSWORD, busy))
                .isInstanceOfSatisfying(Throttled.class, t -> assertThat(t.retryAfter()).isPositive());
        assertThat(users.findByEmail("one-more@example.com")).isEmpty();
        assertThat(accounts.signUp("elsewhere@example.com", PASSWORD, home).email()).isEqualTo("elsewhere@example.com");
        clock.advance(ThrottledAction.SIGN_UP.window());
        assertThat(accounts.signUp("one-more@example.com", PASSWORD, busy).email()).isEqualTo("one-more@example.com");
    }

    @Test
    void attemptsTheServerWasTooBusyToCheckDoNotCountAsFailures() throws Exception {
        var release = new java.util.concurrent.CountDownLatch(1);
        var held = new java.util.concurrent.atomic.AtomicInteger();
        PasswordHasher.Argon2 argon2 = (password, salt, m, t, p, length) -> {
            if (password.startsWith("hold:")) {
                held.incrementAndGet();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return java.util.Arrays.copyOf(password.getBytes(java.nio.charset.StandardCharsets.UTF_8), length);
        };
        var hasher = new PasswordHasher(2, java.time.Duration.ZERO, argon2);
        var busyAccounts = new UserAccounts(users, hasher, new InMemorySignInThrottle(ThrottleLimits.DEFAULT, clock), SignUpMode.OPEN,
                UserAccountsTest.adminIsOnlyPlatformAdmin(), new KnownDevices(devices, clock), ActionThrottle.inMemory(clock), clock);
        busyAccounts.signUp("alice@example.com", PASSWORD, home);
        String stored = hasher.hash("x");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 2; i++) {
                pool.submit(() -> hasher.verify("hold:" + Thread.currentThread().getName(), stored));
            }
            while (held.get() < 2) {
                Thread.onSpinWait();
            }
            for (int i = 0; i < 8; i++) {
                assertThatThrownBy(() -> busyAccounts.authenticate("alice@example.com", PASSWORD, home, Optional.empty()))
                        .isInstanceOfSatisfying(AccountException.class, e -> assertThat(e.problem()).isEqualTo(AccountProblem.SERVER_BUSY));
            }
            release.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(busyAccounts.authenticate("alice@example.com", PASSWORD, home, Optional.empty()).email()).isEqualTo("alice@example.com");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }
}
