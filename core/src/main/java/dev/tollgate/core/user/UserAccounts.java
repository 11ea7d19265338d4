package dev.tollgate.core.user;

import dev.tollgate.core.access.Principal;
import dev.tollgate.core.project.ProjectPermissions;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.core.store.DuplicateException;
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
    private final Clock clock;
    /**
     * Verified against when the email is unknown, so that an unknown email costs the same Argon2
     * run as a wrong password and the answer's timing does not tell them apart.
     */
    private final String decoyHash;

    public UserAccounts(UserRepository users, PasswordHasher hasher, SignInThrottle throttle, SignUpMode signUpMode,
                        ProjectPermissions permissions, Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.throttle = throttle;
        this.signUpMode = signUpMode;
        this.permissions = permissions;
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
     * {@link AccountProblem#TOO_MANY_ATTEMPTS} without any work once the account or the address has
     * failed too often.
     */
    public User authenticate(String email, String password, InetAddress client) {
        String account = EmailAddress.parse(email).orElse(email == null ? "" : email);
        if (throttle.isBlocked(account, client)) {
            throw AccountProblem.TOO_MANY_ATTEMPTS.exception();
        }
        Optional<User> user = EmailAddress.parse(email).flatMap(users::findByEmail);
        if (!passwordMatches(user, password)) {
            throw failed(account, client, AccountProblem.SIGN_IN_FAILED);
        }
        throttle.recordSuccess(account);
        return user.orElseThrow();
    }

    /** Changes a signed-in person's password, which needs their current one (throttled like a sign-in). */
    public void changePassword(User user, String currentPassword, String newPassword, InetAddress client) {
        PasswordPolicy.requireAcceptable(newPassword);
        if (throttle.isBlocked(user.email(), client)) {
            throw AccountProblem.TOO_MANY_ATTEMPTS.exception();
        }
        if (!passwordMatches(Optional.of(user), currentPassword)) {
            throw failed(user.email(), client, AccountProblem.CURRENT_PASSWORD_WRONG);
        }
        users.updatePasswordHash(user.userId(), hasher.hash(newPassword));
    }

    /** Checks a signed-in person's current password before a sensitive change (throttled like a sign-in). */
    public void requireCurrentPassword(User user, String currentPassword, InetAddress client) {
        if (throttle.isBlocked(user.email(), client)) {
            throw AccountProblem.TOO_MANY_ATTEMPTS.exception();
        }
        if (!passwordMatches(Optional.of(user), currentPassword)) {
            throw failed(user.email(), client, AccountProblem.CURRENT_PASSWORD_WRONG);
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

    private AccountException failed(String account, InetAddress client, AccountProblem problem) {
        throttle.recordFailure(account, client);
        return problem.exception();
    }
}
