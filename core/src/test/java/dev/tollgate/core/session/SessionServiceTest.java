package dev.tollgate.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.secret.Secrets;
import dev.tollgate.core.user.AccountException;
import dev.tollgate.core.user.AccountProblem;
import dev.tollgate.core.user.InMemorySignInThrottle;
import dev.tollgate.core.user.InMemoryUsers;
import dev.tollgate.core.user.MutableClock;
import dev.tollgate.core.user.PasswordHasher;
import dev.tollgate.core.user.SignUpMode;
import dev.tollgate.core.user.ThrottleLimits;
import dev.tollgate.core.user.UserAccounts;
import dev.tollgate.core.project.ProjectPermissions;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionServiceTest {
    static final InetAddress HOME = InetAddress.getLoopbackAddress();
    static final String PASSWORD = "correct horse";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final InMemoryUsers users = new InMemoryUsers();
    private final InMemorySessions rows = new InMemorySessions();
    private SessionService sessions;

    @BeforeEach
    void setUp() {
        var accounts = new UserAccounts(users, new PasswordHasher(), new InMemorySignInThrottle(ThrottleLimits.DEFAULT, clock),
                SignUpMode.OPEN, new ProjectPermissions(null), clock);
        sessions = new SessionService(rows, users, accounts, SessionPolicy.DEFAULT, clock);
        sessions.signUp("alice@example.com", PASSWORD, Optional.empty());
        rows.rows.clear();
    }

    private NewSession signIn() {
        return sessions.signIn("alice@example.com", PASSWORD, HOME, Optional.empty());
    }

    @Test
    void sessionIdIsRandomAndOnlyItsHashIsStored() {
        NewSession session = signIn();
        assertThat(session.sessionId()).matches("[0-9A-Za-z]{32}");
        assertThat(rows.rows).containsOnlyKeys(Secrets.hash(session.sessionId()));
        assertThat(rows.rows.values().iterator().next().toString()).doesNotContain(session.sessionId());
        assertThat(session.toString()).doesNotContain(session.sessionId());
        assertThat(signIn().sessionId()).isNotEqualTo(session.sessionId());
    }

    @Test
    void resumeFindsThePersonAndWhenTheyEnteredTheirPassword() {
        NewSession session = signIn();
        clock.advance(Duration.ofHours(3));
        SignedIn who = sessions.resume(session.sessionId()).orElseThrow();
        assertThat(who.user().email()).isEqualTo("alice@example.com");
        assertThat(who.authTime()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void sessionEndsAfterFourteenIdleDays() {
        NewSession session = signIn();
        clock.advance(Duration.ofDays(14).minusSeconds(1));
        assertThat(sessions.resume(session.sessionId())).as("used just in time").isPresent();
        clock.advance(Duration.ofDays(14).minusSeconds(1));
        assertThat(sessions.resume(session.sessionId())).as("idle for less than 14 days").isPresent();
        clock.advance(Duration.ofDays(14));
        assertThat(sessions.resume(session.sessionId())).as("idle for 14 days, 28 days after sign-in").isEmpty();
        assertThat(rows.rows).as("an expired session's row is deleted").isEmpty();
    }

    @Test
    void sessionEndsThirtyDaysAfterSignInHoweverActive() {
        NewSession session = signIn();
        for (int day = 1; day < 30; day++) {
            clock.advance(Duration.ofDays(1));
            assertThat(sessions.resume(session.sessionId())).as("day %d", day).isPresent();
        }
        clock.advance(Duration.ofDays(1));
        assertThat(sessions.resume(session.sessionId())).isEmpty();
    }

    @Test
    void useIsRecordedAtMostOncePerMinute() {
        NewSession session = signIn();
        String hash = Secrets.hash(session.sessionId());
        clock.advance(Duration.ofSeconds(30));
        sessions.resume(session.sessionId());
        assertThat(rows.rows.get(hash).lastSeenTime()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        clock.advance(Duration.ofSeconds(31));
        sessions.resume(session.sessionId());
        assertThat(rows.rows.get(hash).lastSeenTime()).isEqualTo(Instant.parse("2026-01-01T00:01:01Z"));
    }

    @Test
    void malformedOrUnknownIdsFindNothing() {
        signIn();
        for (String id : new String[] {null, "", "short", "x".repeat(10_000), "0123456789abcdef0123456789abcde!",
                "0123456789abcdef0123456789abcdef", "ABCDEFGHIJKLMNOPQRSTUVWXYZ01234\u00e9"}) {
            assertThat(sessions.resume(id)).as(String.valueOf(id)).isEmpty();
        }
    }

    @Test
    void signOutDeletesTheSession() {
        NewSession session = signIn();
        sessions.end(session.sessionId());
        assertThat(rows.rows).isEmpty();
        assertThat(sessions.resume(session.sessionId())).isEmpty();
    }

    @Test
    void signingInAgainEndsTheBrowsersPreviousSession() {
        NewSession first = signIn();
        NewSession second = sessions.signIn("alice@example.com", PASSWORD, HOME, Optional.of(first.sessionId()));
        assertThat(sessions.resume(first.sessionId())).isEmpty();
        assertThat(sessions.resume(second.sessionId())).isPresent();
    }

    @Test
    void failedSignInKeepsThePreviousSession() {
        NewSession first = signIn();
        assertThatThrownBy(() -> sessions.signIn("alice@example.com", "wrong horse", HOME, Optional.of(first.sessionId())))
                .isInstanceOf(AccountException.class);
        assertThat(sessions.resume(first.sessionId())).isPresent();
    }

    @Test
    void changingThePasswordEndsEveryOtherSessionOfThePerson() {
        NewSession here = signIn();
        NewSession elsewhere = signIn();
        sessions.signUp("bob@example.com", PASSWORD, Optional.empty());
        NewSession bob = sessions.signIn("bob@example.com", PASSWORD, HOME, Optional.empty());

        sessions.changePassword(sessions.resume(here.sessionId()).orElseThrow(), PASSWORD, "new password", HOME);

        assertThat(sessions.resume(here.sessionId())).isPresent();
        assertThat(sessions.resume(elsewhere.sessionId())).isEmpty();
        assertThat(sessions.resume(bob.sessionId())).as("other people keep theirs").isPresent();
    }

    @Test
    void refusedPasswordChangeEndsNothing() {
        NewSession here = signIn();
        NewSession elsewhere = signIn();
        assertThatThrownBy(() -> sessions.changePassword(sessions.resume(here.sessionId()).orElseThrow(), "wrong horse", "new password", HOME))
                .isInstanceOf(AccountException.class).extracting(e -> ((AccountException) e).problem())
                .isEqualTo(AccountProblem.CURRENT_PASSWORD_WRONG);
        assertThat(sessions.resume(elsewhere.sessionId())).isPresent();
    }

    @Test
    void expiredSessionsAreSweptWhenSomeoneSignsIn() {
        signIn();
        clock.advance(Duration.ofDays(15));
        NewSession fresh = signIn();
        assertThat(rows.rows).containsOnlyKeys(Secrets.hash(fresh.sessionId()));
    }

    @Test
    void sessionOfADeletedPersonIsNoSession() {
        NewSession session = signIn();
        var gone = new InMemoryUsers();
        var accounts = sessions.accounts();
        var withoutAlice = new SessionService(rows, gone, accounts, SessionPolicy.DEFAULT, clock);
        assertThat(withoutAlice.resume(session.sessionId())).isEmpty();
    }
}
