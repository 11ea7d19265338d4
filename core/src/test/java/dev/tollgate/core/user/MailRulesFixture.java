package dev.tollgate.core.user;

import dev.tollgate.core.Issuer;
import dev.tollgate.core.session.Session;
import dev.tollgate.core.session.SessionRepository;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Everything the verification and reset rules run on, in memory, with a clock the test moves. */
class MailRulesFixture {
    static final InetAddress HOME = InetAddress.getLoopbackAddress();
    static final String PASSWORD = "correct horse";

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    final InMemoryUsers users = new InMemoryUsers();
    final InMemoryMail mail = new InMemoryMail(users);
    final PasswordHasher hasher = new PasswordHasher();
    final UserAccounts accounts = new UserAccounts(users, hasher, new InMemorySignInThrottle(ThrottleLimits.DEFAULT, clock),
            SignUpMode.OPEN, UserAccountsTest.adminIsOnlyPlatformAdmin(), clock);
    final MailedLinks links = new MailedLinks(mail, mail, new Issuer("https://tollgate.example"),
            dev.tollgate.core.throttle.ActionThrottle.inMemory(clock), clock);
    final List<String> tokensRevokedFor = new ArrayList<>();
    final EmailVerification verification = new EmailVerification(users, mail, accounts, UserAccountsTest.adminIsOnlyPlatformAdmin(),
            links, tokensRevokedFor::add, clock);
    final Sessions sessions = new Sessions();
    final PasswordReset reset = new PasswordReset(users, hasher, mail, sessions, tokensRevokedFor::add, links, Runnable::run, clock);

    User signUp(String email) {
        return accounts.signUp(email, PASSWORD);
    }

    /** A session row of the person, as signing in makes one. */
    String sessionOf(User user) {
        String hash = "s" + sessions.rows.size();
        Instant now = clock.instant();
        sessions.insert(new Session(hash, user.userId(), now, now, now, now.plus(Duration.ofDays(30))));
        return hash;
    }

    static final class Sessions implements SessionRepository {
        final Map<String, Session> rows = new ConcurrentHashMap<>();

        @Override public void insert(Session session) { rows.put(session.sessionHash(), session); }
        @Override public Optional<Session> find(String sessionHash) { return Optional.ofNullable(rows.get(sessionHash)); }
        @Override public void updateLastSeen(String sessionHash, Instant lastSeen) { }
        @Override public void delete(String sessionHash) { rows.remove(sessionHash); }
        @Override public void deleteOthersOf(String userId, String keptSessionHash) {
            rows.values().removeIf(s -> s.userId().equals(userId) && !s.sessionHash().equals(keptSessionHash));
        }
        @Override public int deleteExpired(Instant now, Instant idleBefore) { return 0; }
    }
}
