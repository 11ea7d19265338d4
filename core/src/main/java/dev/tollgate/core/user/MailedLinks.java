package dev.tollgate.core.user;

import dev.tollgate.core.Issuer;
import dev.tollgate.core.mail.Mail;
import dev.tollgate.core.mail.Mailer;
import dev.tollgate.core.secret.SecretKind;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.core.throttle.ActionThrottle;
import dev.tollgate.core.throttle.Throttled;
import dev.tollgate.core.throttle.ThrottledAction;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Single-use links sent by mail. The token is a {@link SecretKind#MAIL_LINK} secret (190 random
 * bits with a checksum, so a tampered link is refused without a lookup); only its hash is stored.
 * Sends are throttled per address they go to, per client address and over all clients
 * ({@link ThrottledAction#PASSWORD_RESET}, {@link ThrottledAction#VERIFICATION_MAIL}), and a mail server's failure is logged
 * and reported as {@link MailOutcome#FAILED}, never thrown.
 */
public final class MailedLinks {
    private static final Logger LOG = LoggerFactory.getLogger(MailedLinks.class);

    private final EmailTokenRepository tokens;
    private final Mailer mailer;
    private final Issuer issuer;
    private final ActionThrottle throttle;
    private final Clock clock;

    /** @param throttle counts every send against the address it goes to, the client and all clients */
    public MailedLinks(EmailTokenRepository tokens, Mailer mailer, Issuer issuer, ActionThrottle throttle, Clock clock) {
        this.tokens = tokens;
        this.mailer = mailer;
        this.issuer = issuer;
        this.throttle = throttle;
        this.clock = clock;
    }

    /** What a mail says around its link. */
    record Message(String subject, String before, String after) {}

    /**
     * Creates a link of {@code purpose} for the person, retiring their older ones of the same
     * purpose, and mails it to {@code email}.
     *
     * @param path the page the link opens, such as {@code /verify-email}
     */
    MailOutcome send(EmailToken.Purpose purpose, String userId, String email, Duration lifetime, String path,
                     Message message, InetAddress client) {
        ThrottledAction action = purpose == EmailToken.Purpose.RESET_PASSWORD ? ThrottledAction.PASSWORD_RESET : ThrottledAction.VERIFICATION_MAIL;
        try {
            throttle.admit(action, client, Optional.of(email));
        } catch (Throttled e) {
            return MailOutcome.THROTTLED;
        }
        String token = Secrets.generate(SecretKind.MAIL_LINK);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        tokens.deleteFor(userId, purpose);
        tokens.insert(new EmailToken(Secrets.hash(token), purpose, userId, email, now, now.plus(lifetime)));
        String link = issuer.url() + path + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        try {
            mailer.send(new Mail(email, message.subject(), message.before() + "\n\n" + link + "\n\n" + message.after() + "\n", link));
            return MailOutcome.SENT;
        } catch (RuntimeException e) {
            // A MailException, or anything else a mailer throws: a mail problem never fails the request.
            LOG.warn("Could not send the {} mail to {}: {}", purpose, email, e.toString());
            return MailOutcome.FAILED;
        }
    }

    /** The live link of this purpose behind {@code token}, without using it up (to show a form). */
    Optional<EmailToken> peek(EmailToken.Purpose purpose, String token) {
        if (!Secrets.isWellFormed(SecretKind.MAIL_LINK, token)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return tokens.find(Secrets.hash(token)).filter(t -> t.purpose() == purpose && !t.isExpiredAt(now));
    }

    /** Uses the link up: present once, for the first caller only, while it is live. */
    Optional<EmailToken> redeem(EmailToken.Purpose purpose, String token) {
        Optional<EmailToken> live = peek(purpose, token);
        if (live.isEmpty() || !tokens.consume(live.get().tokenHash())) {
            return Optional.empty();
        }
        return live;
    }

    void retire(String userId, EmailToken.Purpose purpose) {
        tokens.deleteFor(userId, purpose);
    }
}
