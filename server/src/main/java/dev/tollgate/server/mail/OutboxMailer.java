package dev.tollgate.server.mail;

import dev.tollgate.core.mail.Mail;
import dev.tollgate.core.mail.MailException;
import dev.tollgate.core.mail.Mailer;
import dev.tollgate.core.secret.Secrets;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With no SMTP server configured, each mail becomes an {@code .eml} file in {@code DATA/outbox/}
 * (readable by the owner only: it holds a live link) and its link is logged, so that one person on
 * one machine can still verify an address or reset a password.
 */
public final class OutboxMailer implements Mailer {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxMailer.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Path outbox;
    private final String from;
    private final Clock clock;
    private final Session session = Session.getInstance(new Properties());

    public OutboxMailer(Path outbox, String from, Clock clock) {
        this.outbox = outbox;
        this.from = from;
        this.clock = clock;
    }

    @Override
    public void send(Mail mail) {
        try {
            createOutbox();
            Path file = outbox.resolve(STAMP.format(clock.instant()) + "-" + Secrets.randomHex(4) + ".eml");
            try (OutputStream out = create(file)) {
                MimeMessages.of(session, from, mail).writeTo(out);
            }
            LOG.info("No SMTP server is configured: the mail \"{}\" to {} is in {}; its link: {}", mail.subject(), mail.to(), file, mail.link());
        } catch (IOException | MessagingException e) {
            throw new MailException("Could not write the mail to " + outbox + ": " + e.getMessage(), e);
        }
    }

    private void createOutbox() throws IOException {
        if (Files.isDirectory(outbox)) {
            return;
        }
        try {
            Files.createDirectories(outbox, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            // A file system without POSIX permissions (the data folder check already said so): no mode to set.
            Files.createDirectories(outbox);
        } catch (FileAlreadyExistsException e) {
            // created meanwhile by another request
        }
    }

    private static OutputStream create(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            // As above: no POSIX permissions to give the file.
            Files.createFile(file);
        }
        return Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
