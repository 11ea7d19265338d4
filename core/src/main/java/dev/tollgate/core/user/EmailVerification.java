package dev.tollgate.core.user;

import dev.tollgate.core.principal.Principal;
import dev.tollgate.core.project.ProjectPermissions;
import dev.tollgate.core.store.DuplicateException;
import dev.tollgate.protocol.ApiError;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Proving that an address is the person's: a link mailed at sign-up (and again on request), and
 * a change of address that takes effect only once the new address has been proved; until then the
 * old one stays. An unverified person can sign in but holds no role granted to their address.
 */
public final class EmailVerification {
    public static final Duration VERIFY_LINK_LIFETIME = Duration.ofDays(2);
    public static final Duration CHANGE_LINK_LIFETIME = Duration.ofHours(24);
    public static final String VERIFY_PATH = "/verify-email";
    public static final String CHANGE_PATH = "/confirm-email-change";

    private static final MailedLinks.Message VERIFY_MESSAGE = new MailedLinks.Message("Verify your email address for Tollgate",
            "Open this link to confirm that this address is yours:",
            "The link works once, within two days. If you did not create a Tollgate account, ignore this mail.");
    private static final MailedLinks.Message CHANGE_MESSAGE = new MailedLinks.Message("Confirm your new email address for Tollgate",
            "Open this link to make this address the one of your Tollgate account:",
            "The link works once, within a day. Until it is opened your account keeps its old address."
                    + " If you did not ask for this, ignore this mail.");

    private final UserRepository users;
    private final VerifiedAddressRepository verified;
    private final UserAccounts accounts;
    private final ProjectPermissions permissions;
    private final MailedLinks links;
    private final PersonTokenRevocation tokens;
    private final Clock clock;

    /** @param tokens ends the person's tokens when their address changes: each of them names the old address */
    public EmailVerification(UserRepository users, VerifiedAddressRepository verified, UserAccounts accounts,
                             ProjectPermissions permissions, MailedLinks links, PersonTokenRevocation tokens, Clock clock) {
        this.tokens = tokens;
        this.users = users;
        this.verified = verified;
        this.accounts = accounts;
        this.permissions = permissions;
        this.links = links;
        this.clock = clock;
    }

    public boolean isVerified(User user) {
        return verified.isVerifiedOwner(user.userId(), user.email());
    }

    /** Mails the person a link that verifies their current address. */
    public MailOutcome sendVerification(User user, InetAddress client) {
        return links.send(EmailToken.Purpose.VERIFY_EMAIL, user.userId(), user.email(), VERIFY_LINK_LIFETIME, VERIFY_PATH,
                VERIFY_MESSAGE, client);
    }

    /**
     * Opens a verification link: the person it was sent to has proved the address, if it is still
     * theirs. Empty when the link is unknown, used, expired, or for an address they no longer have.
     */
    public Optional<User> verify(String token) {
        return links.redeem(EmailToken.Purpose.VERIFY_EMAIL, token).flatMap(t -> users.find(t.userId())
                .filter(u -> u.email().equals(t.email()))
                .map(u -> {
                    verified.markVerified(u.userId(), u.email(), clock.instant());
                    return u;
                }));
    }

    /**
     * Asks to move the account to {@code newEmail}: checks the current password, then mails a
     * confirmation link to the new address. Nothing changes until that link is opened.
     */
    public MailOutcome requestChange(User user, String newEmail, String currentPassword, InetAddress client) {
        // A person may not move onto an address that names a service account, in any spelling.
        String normalized = EmailAddress.requirePerson(newEmail);
        if (normalized.equals(user.email())) {
            throw AccountProblem.EMAIL_UNCHANGED.exception();
        }
        accounts.requireCurrentPassword(user, currentPassword, client);
        if (users.findByEmail(normalized).isPresent()) {
            throw AccountProblem.EMAIL_TAKEN.exception();
        }
        return links.send(EmailToken.Purpose.CHANGE_EMAIL, user.userId(), normalized, CHANGE_LINK_LIFETIME, CHANGE_PATH,
                CHANGE_MESSAGE, client);
    }

    /**
     * Opens a confirmation link: the new address replaces the old one, verified. Empty when the
     * link is not valid; {@link AccountProblem#EMAIL_TAKEN} if someone took the address meanwhile.
     */
    public Optional<User> confirmChange(String token) {
        Optional<EmailToken> link = links.redeem(EmailToken.Purpose.CHANGE_EMAIL, token);
        if (link.isEmpty() || users.find(link.get().userId()).isEmpty()) {
            return Optional.empty();
        }
        try {
            verified.changeEmail(link.get().userId(), link.get().email(), clock.instant());
        } catch (DuplicateException e) {
            throw AccountProblem.EMAIL_TAKEN.exception();
        }
        // Links sent to the old address no longer prove anything.
        links.retire(link.get().userId(), EmailToken.Purpose.VERIFY_EMAIL);
        // Apps hold tokens (and would refresh them) in the old address's name; they ask the person again.
        tokens.revokeEverythingOf(link.get().userId());
        return users.find(link.get().userId());
    }

    /** A platform administrator vouches for the person's address (people they create, or by hand). */
    public void markVerified(Principal caller, User user) {
        requireAdmin(caller);
        verified.markVerified(user.userId(), user.email(), clock.instant());
    }

    /** A platform administrator mails the person a new verification link. */
    public MailOutcome resend(Principal caller, String email, InetAddress client) {
        requireAdmin(caller);
        User user = find(email);
        if (isVerified(user)) {
            throw ApiError.FAILED_PRECONDITION.exception("The address of " + user.email() + " is already verified.");
        }
        return sendVerification(user, client);
    }

    /** A platform administrator withdraws the person's verification: their roles stop until they verify again. */
    public User revoke(Principal caller, String email) {
        requireAdmin(caller);
        User user = find(email);
        verified.revoke(user.userId());
        return user;
    }

    private User find(String email) {
        return EmailAddress.parse(email).flatMap(users::findByEmail)
                .orElseThrow(() -> ApiError.NOT_FOUND.exception("No person with the address " + email + "."));
    }

    private void requireAdmin(Principal caller) {
        if (!permissions.isPlatformAdmin(caller)) {
            throw ApiError.PERMISSION_DENIED.exception("Only platform administrators can manage people's verification.");
        }
    }
}
