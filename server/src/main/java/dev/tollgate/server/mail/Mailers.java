package dev.tollgate.server.mail;

import dev.tollgate.core.Issuer;
import dev.tollgate.core.mail.Mailer;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses the node's {@link Mailer} from its settings. */
public final class Mailers {
    private static final Logger LOG = LoggerFactory.getLogger(Mailers.class);

    private Mailers() {}

    public static Mailer of(MailSettings settings, Path dataDir, Issuer issuer, Clock clock) {
        String from = settings.from().orElseGet(() -> "tollgate@" + URI.create(issuer.url()).getHost());
        try {
            new InternetAddress(from, true).validate();
        } catch (AddressException e) {
            throw new IllegalArgumentException("--mail-from: not a valid address: " + from);
        }
        if (settings.smtp().isPresent()) {
            LOG.info("Mail goes through {} from {}", settings.smtp().get(), from);
            return new SmtpMailer(settings.smtp().get(), from);
        }
        Path outbox = dataDir.resolve("outbox");
        LOG.info("No SMTP server is configured (--smtp): mail is written to {}", outbox);
        return new OutboxMailer(outbox, from, clock);
    }
}
