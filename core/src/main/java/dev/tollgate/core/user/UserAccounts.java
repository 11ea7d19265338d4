package dev.tollgate.core.user;

import dev.tollgate.core.principal.Principal;
import dev.tollgate.core.project.ProjectPermissions;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.core.store.DuplicateException;
import dev.tollgate.core.throttle.ActionThrottle;
import dev.tollgate.core.throttle.ThrottledAction;
import dev.tollgate.protocol.ApiError;
import java.net.InetAddress;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** People's accounts: creating them, checking their passwords, changing them. */
public final class UserAccounts {
    private final UserRepository users;
    private final PasswordHasher hasher;
    private final SignInThrottle throttle;
    private final SignUpMode signUpMode;
    private final ProjectPermissions permissions;
    private final KnownDevices devices;
    private final ActionThrottle actions;
    private final Clock clock;
    /**
     * Verified against when the email is unknown, so that an unknown email costs the same Argon2
     * run as a wrong password and the answer's timing does not tell them apart.
     */
    private final String decoyHash;

    /** Without known browsers, and with sign-ups throttled in this process only. */
    public UserAccounts(UserRepository users, PasswordHasher hasher, SignInThrottle throttle, SignUpMode signUpMode,
                        ProjectPermissions permissions, Clock clock) {
        this(users, hasher, throttle, signUpMode, permissions, KnownDevices.none(clock), ActionThrottle.inMemory(clock), clock);
    }

    /**
     * @param devices the browsers accounts know, which the sign-in throttle lets through
     * @param actions counts sign-ups per address and globally
     */
    public UserAccounts(UserRepository users, PasswordHasher hasher, SignInThrottle throttle, SignUpMode signUpMode,
                        ProjectPermissions permissions, KnownDevices devices, ActionThrottle actions, Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.throttle = throttle;
        this.signUpMode = signUpMode;
        this.permissions = permissions;
        this.devices = devices;
        this.actions = actions;
        this.clock = clock;
        this.decoyHash = hasher.hash(Secrets.randomBase62(32));
    }

    public boolean signUpOpen() {
        return signUpMode == SignUpMode.OPEN;
    }

    /** A person creates their own account at {@code /signup}, if sign-up is open. */
    public User signUp(String email, String password) {
        if (!signUpOpen()) {
            throw AccountProblem.SIGN_UP_CLOSED.exception();
        }
        return insert(email, password);
    }

    /**
     * A person creates their own account from {@code client}. Attempts that could create one (a
     * well-formed email and an acceptable password) are counted per address and globally, before any
     * password is hashed.
     *
     * @throws dev.tollgate.core.throttle.Throttled when {@link ThrottledAction#SIGN_UP} refuses
     */
    public User signUp(String email, String password, InetAddress client) {
        if (!signUpOpen()) {
            throw AccountProblem.SIGN_UP_CLOSED.exception();
        }
        EmailAddress.requirePerson(email);
        PasswordPolicy.requireAcceptable(password);
        actions.admit(ThrottledAction.SIGN_UP, client);
        return insert(email, password);
    }

    /** A platform administrator creates an account, whether or not sign-up is open. */
    public User create(Principal caller, String email, String password) {
        if (!permissions.isPlatformAdmin(caller)) {
            throw ApiError.PERMISSION_DENIED.exception("Only platform administrators can create people.");
        }
        return insert(email, password);
    }

    private User insert(String email, String password) {
        String normalized = EmailAddress.requirePerson(email);
        PasswordPolicy.requireAcceptable(password);
        var user = new User(Secrets.randomDigits(21), normalized, hasher.hash(password), clock.instant().truncatedTo(ChronoUnit.MILLIS));
        try {
            users.insert(user);
        } catch (DuplicateException e) {
            // 21 random digits do not collide in practice: a duplicate is the email.
            throw AccountProblem.EMAIL_TAKEN.exception();
        }
        return user;
    }

    /**
     * The person with this email and password. Refuses with {@link AccountProblem#SIGN_IN_FAILED}
     * alike for an unknown email and a wrong password, after the same work, and with
     * {@link AccountProblem#TOO_MANY_ATTEMPTS} without checking the password once the throttle
     * refuses this source for the account (see {@link SignInThrottle}).
     */
    public User authenticate(String email, String password, InetAddress client) {
        return authenticate(email, password, client, Optional.empty());
    }

    /**
     * The same from a browser that may hold a device cookie: when the account knows the browser, the
     * throttle counts only that browser's failures (see {@link SignInThrottle}).
     */
    public User authenticate(String email, String password, InetAddress client, Optional<String> deviceCookie) {
        String account = EmailAddress.parse(email).orElse(email == null ? "" : email);
        Optional<User> user = EmailAddress.parse(email).flatMap(users::findByEmail);
        Optional<String> device = devices.recognise(user.map(User::userId), deviceCookie);
        SignInThrottle.Attempt attempt = throttle.begin(new SignInSource(account, client, device));
        if (!passwordMatches(user, password, attempt)) {
            throw AccountProblem.SIGN_IN_FAILED.exception();
        }
        attempt.succeeded();
        if (user.orElseThrow().disabled()) {
            throw AccountProblem.ACCOUNT_DISABLED.exception();
        }
        return user.orElseThrow();
    }

    /**
     * Remembers the browser a person just signed in from.
     *
     * @return the device cookie's value for the browser to keep
     */
    public String rememberDevice(User user, Optional<String> deviceCookie) {
        return devices.remember(user.userId(), deviceCookie);
    }

    /** Changes a signed-in person's password, which needs their current one (throttled like a sign-in). */
    public void changePassword(User user, String currentPassword, String newPassword, InetAddress client) {
        PasswordPolicy.requireAcceptable(newPassword);
        SignInThrottle.Attempt attempt = throttle.begin(SignInSource.from(user.email(), client));
        if (!passwordMatches(Optional.of(user), currentPassword, attempt)) {
            throw AccountProblem.CURRENT_PASSWORD_WRONG.exception();
        }
        attempt.succeeded();
        users.updatePasswordHash(user.userId(), hasher.hash(newPassword));
    }

    /** Checks a signed-in person's current password before a sensitive change (throttled like a sign-in). */
    public void requireCurrentPassword(User user, String currentPassword, InetAddress client) {
        SignInThrottle.Attempt attempt = throttle.begin(SignInSource.from(user.email(), client));
        if (!passwordMatches(Optional.of(user), currentPassword, attempt)) {
            throw AccountProblem.CURRENT_PASSWORD_WRONG.exception();
        }
        attempt.succeeded();
    }

    /** Whether the password is right; an attempt the hasher was too busy to check is uncounted and refused as busy. */
    private boolean passwordMatches(Optional<User> user, String password, SignInThrottle.Attempt attempt) {
        try {
            return passwordMatches(user, password);
        } catch (AccountException e) {
            attempt.abandoned();
            throw e;
        }
    }

    private boolean passwordMatches(Optional<User> user, String password) {
        if (!PasswordPolicy.worthChecking(password)) {
            return false;
        }
        if (user.isEmpty()) {
            hasher.verify(password, decoyHash);
            return false;
        }
        return hasher.verify(password, user.get().passwordHash());
    }
}
