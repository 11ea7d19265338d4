package dev.tollgate.core.user;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * "Forgot your password?": a single-use link, live for {@link #LINK_LIFETIME}, mailed to the
 * account's address. Asking reveals nothing: the answer is the same, and as fast, whether or not
 * the address has an account (the mail goes out in the background). A reset ends every session
 * and every token of the person, and proves the address (the link was opened from its mailbox).
 */
public final class PasswordReset {
    public static final Duration LINK_LIFETIME = Duration.ofMinutes(30);
    public static final String PATH = "/reset-password";

    private static final MailedLinks.Message MESSAGE = new MailedLinks.Message("Reset your Tollgate password",
            "Someone (we hope you) asked to reset the password of the Tollgate account with this address."
                    + " Open this link to choose a new one:",
            "The link works once, within 30 minutes. Resetting the password signs you out everywhere."
                    + " If you did not ask for this, ignore this mail: your password stays as it is.");

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final VerifiedAddressRepository verified;
    private final PersonSessions sessions;
    private final PersonTokenRevocation tokens;
    private final MailedLinks links;
    private final Executor background;
    private final Clock clock;

    /** @param background where the mail is sent from, so that the answer does not wait for the mail server */
    public PasswordReset(UserRepository users, PasswordHasher hasher, VerifiedAddressRepository verified, PersonSessions sessions,
                         PersonTokenRevocation tokens, MailedLinks links, Executor background, Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.verified = verified;
        this.sessions = sessions;
        this.tokens = tokens;
        this.links = links;
        this.background = background;
        this.clock = clock;
    }

    /** Mails a reset link if {@code email} belongs to an account; returns without saying whether it does. */
    public void requestReset(String email, InetAddress client) {
        Optional<User> user = EmailAddress.parse(email).flatMap(users::findByEmail);
        user.ifPresent(u -> background.execute(
                () -> links.send(EmailToken.Purpose.RESET_PASSWORD, u.userId(), u.email(), LINK_LIFETIME, PATH, MESSAGE, client)));
    }

    /** Whether the link may still be used (to show its form); does not use it up. */
    public boolean isLive(String token) {
        return links.peek(EmailToken.Purpose.RESET_PASSWORD, token).isPresent();
    }

    /**
     * Sets the new password through the link. A password the policy refuses throws and leaves the
     * link usable; otherwise the link is used up. Empty when the link is not valid.
     */
    public Optional<User> reset(String token, String newPassword) {
        if (!isLive(token)) {
            return Optional.empty();
        }
        PasswordPolicy.requireAcceptable(newPassword);
        Optional<EmailToken> link = links.redeem(EmailToken.Purpose.RESET_PASSWORD, token);
        Optional<User> user = link.flatMap(l -> users.find(l.userId()).filter(u -> u.email().equals(l.email())));
        if (user.isEmpty()) {
            return Optional.empty();
        }
        User u = user.get();
        users.updatePasswordHash(u.userId(), hasher.hash(newPassword));
        links.retire(u.userId(), EmailToken.Purpose.RESET_PASSWORD);
        sessions.deleteOthersOf(u.userId(), null);
        tokens.revokeEverythingOf(u.userId());
        verified.markVerified(u.userId(), u.email(), clock.instant());
        return users.find(u.userId());
    }
}
