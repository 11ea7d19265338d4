package dev.tollgate.core.session;

import dev.tollgate.core.secret.Secrets;
import dev.tollgate.core.user.User;
import dev.tollgate.core.user.UserAccounts;
import dev.tollgate.core.user.UserRepository;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Signing in and out of the browser pages. A session id is 32 random base62 characters (190
 * bits); the database holds only its SHA-256 hash, so a copy of the database signs no one in.
 */
public final class SessionService {
    private static final int ID_LENGTH = 32;
    private static final Duration PURGE_INTERVAL = Duration.ofHours(1);

    private final SessionRepository sessions;
    private final UserRepository users;
    private final UserAccounts accounts;
    private final SessionPolicy policy;
    private final Clock clock;
    private final AtomicReference<Instant> lastPurge = new AtomicReference<>(Instant.MIN);

    public SessionService(SessionRepository sessions, UserRepository users, UserAccounts accounts, SessionPolicy policy, Clock clock) {
        this.sessions = sessions;
        this.users = users;
        this.accounts = accounts;
        this.policy = policy;
        this.clock = clock;
    }

    public UserAccounts accounts() { return accounts; }

    public SessionPolicy policy() { return policy; }

    /**
     * Checks the password and begins a new session. The browser's previous session, if any, ends:
     * a fresh id at every sign-in is what defeats session fixation.
     */
    public NewSession signIn(String email, String password, InetAddress client, Optional<String> previousSessionId) {
        User user = accounts.authenticate(email, password, client);
        previousSessionId.ifPresent(this::end);
        return begin(user);
    }

    /**
     * Signs in from a browser that may hold a device cookie: the throttle lets a browser the account
     * knows through whatever failed elsewhere, and the browser is known from now on.
     */
    public BrowserSignIn signIn(String email, String password, InetAddress client, Optional<String> deviceCookie,
                                Optional<String> previousSessionId) {
        User user = accounts.authenticate(email, password, client, deviceCookie);
        previousSessionId.ifPresent(this::end);
        String device = accounts.rememberDevice(user, deviceCookie);
        return new BrowserSignIn(begin(user), device);
    }

    /**
     * Creates the account, counted against {@code client}'s sign-ups, and signs its person in; the
     * browser it was created in is known to the account from now on.
     */
    public BrowserSignIn signUp(String email, String password, InetAddress client, Optional<String> deviceCookie,
                                Optional<String> previousSessionId) {
        User user = accounts.signUp(email, password, client);
        previousSessionId.ifPresent(this::end);
        String device = accounts.rememberDevice(user, deviceCookie);
        return new BrowserSignIn(begin(user), device);
    }

    /** Creates the account and signs its person in. */
    public NewSession signUp(String email, String password, Optional<String> previousSessionId) {
        User user = accounts.signUp(email, password);
        previousSessionId.ifPresent(this::end);
        return begin(user);
    }

    /** The session behind a cookie's id, if it exists and has not expired; records its use. */
    public Optional<SignedIn> resume(String sessionId) {
        if (!isWellFormed(sessionId)) {
            return Optional.empty();
        }
        String hash = Secrets.hash(sessionId);
        Optional<Session> found = sessions.find(hash);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Session session = found.get();
        Instant now = clock.instant();
        if (policy.isExpired(session, now)) {
            sessions.delete(hash);
            return Optional.empty();
        }
        // A disabled account's sessions were deleted when it was disabled; this holds against a race with that.
        Optional<User> user = users.find(session.userId()).filter(u -> !u.disabled());
        if (user.isEmpty()) {
            sessions.delete(hash);
            return Optional.empty();
        }
        if (policy.needsTouch(session, now)) {
            Instant seen = now.truncatedTo(ChronoUnit.MILLIS);
            sessions.updateLastSeen(hash, seen);
            session = session.withLastSeen(seen);
        }
        return Optional.of(new SignedIn(user.get(), session.authTime(), session));
    }

    /** Signs out: the session's row is deleted, so the id is worthless even if the cookie survives. */
    public void end(String sessionId) {
        if (isWellFormed(sessionId)) {
            sessions.delete(Secrets.hash(sessionId));
        }
    }

    /**
     * Changes the signed-in person's password and ends their other sessions, wherever they are:
     * whoever knew the old password is signed out. The session that made the change stays.
     */
    public void changePassword(SignedIn who, String currentPassword, String newPassword, InetAddress client) {
        accounts.changePassword(who.user(), currentPassword, newPassword, client);
        sessions.deleteOthersOf(who.user().userId(), who.session().sessionHash());
    }

    private NewSession begin(User user) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        purgeExpiredIfDue(now);
        String id = Secrets.randomBase62(ID_LENGTH);
        var session = new Session(Secrets.hash(id), user.userId(), now, now, now, now.plus(policy.absolute()));
        sessions.insert(session);
        return new NewSession(id, new SignedIn(user, now, session));
    }

    /** Expired rows would otherwise stay forever for people who never come back; one node sweeps now and then. */
    private void purgeExpiredIfDue(Instant now) {
        Instant last = lastPurge.get();
        if (now.isAfter(last.plus(PURGE_INTERVAL)) && lastPurge.compareAndSet(last, now)) {
            sessions.deleteExpired(now, now.minus(policy.idle()));
        }
    }

    /** Whether a cookie value can be a session id at all; anything else is refused without a lookup. */
    public static boolean isWellFormed(String sessionId) {
        if (sessionId == null || sessionId.length() != ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < ID_LENGTH; i++) {
            char c = sessionId.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                return false;
            }
        }
        return true;
    }
}
