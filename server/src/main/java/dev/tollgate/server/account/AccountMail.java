package dev.tollgate.server.account;

import dev.tollgate.core.mail.Mailer;
import dev.tollgate.core.user.EmailTokenRepository;
import dev.tollgate.core.user.PersonTokenRevocation;
import dev.tollgate.core.user.VerifiedAddressRepository;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link People} needs for mailed links, wired in {@code Tollgate.wire}.
 *
 * @param tokenRevocation ends a person's tokens on a password reset
 * @param background      sends the mails whose answer must not wait for them (password reset)
 */
public record AccountMail(Mailer mailer, EmailTokenRepository tokens, VerifiedAddressRepository verified,
                          PersonTokenRevocation tokenRevocation, Executor background) {
    private static final Logger LOG = LoggerFactory.getLogger(AccountMail.class);

    /**
     * Two daemon threads and a bounded queue: a burst of reset requests waits or is dropped (and
     * logged), and never grows memory without bound.
     */
    public static java.util.concurrent.ExecutorService backgroundSender() {
        var executor = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1000), r -> {
            Thread t = new Thread(r, "tollgate-mail");
            t.setDaemon(true);
            return t;
        }, (r, e) -> LOG.warn("Too many mails waiting to be sent: one password-reset mail was dropped"));
        return executor;
    }
}
