package dev.tollgate.server.mail;

import dev.tollgate.core.mail.Mail;
import dev.tollgate.core.mail.MailException;
import dev.tollgate.core.mail.Mailer;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.util.Properties;

/**
 * Sends through an SMTP server with Jakarta Mail: implicit TLS for {@code smtps://}, STARTTLS
 * whenever the server offers it for {@code smtp://}, and short timeouts so that a slow server
 * delays a page by seconds at most.
 */
public final class SmtpMailer implements Mailer {
    private static final String TIMEOUT_MS = "10000";

    private final MailSettings.Smtp smtp;
    private final String from;
    private final Session session;

    public SmtpMailer(MailSettings.Smtp smtp, String from) {
        this.smtp = smtp;
        this.from = from;
        String protocol = smtp.implicitTls() ? "smtps" : "smtp";
        var props = new Properties();
        props.put("mail.transport.protocol", protocol);
        props.put("mail." + protocol + ".host", smtp.host());
        props.put("mail." + protocol + ".port", Integer.toString(smtp.port()));
        props.put("mail." + protocol + ".auth", Boolean.toString(smtp.user().isPresent()));
        props.put("mail." + protocol + ".connectiontimeout", TIMEOUT_MS);
        props.put("mail." + protocol + ".timeout", TIMEOUT_MS);
        props.put("mail." + protocol + ".writetimeout", TIMEOUT_MS);
        props.put("mail." + protocol + ".from", from);
        if (smtp.implicitTls()) {
            props.put("mail.smtps.ssl.checkserveridentity", "true");
        } else {
            props.put("mail.smtp.starttls.enable", "true");
            props.put("mail.smtp.ssl.checkserveridentity", "true");
        }
        this.session = Session.getInstance(props);
    }

    @Override
    public void send(Mail mail) {
        try (Transport transport = session.getTransport()) {
            transport.connect(smtp.host(), smtp.port(), smtp.user().orElse(null), smtp.password().orElse(null));
            var message = MimeMessages.of(session, from, mail);
            transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException e) {
            throw new MailException("SMTP " + smtp + " refused or could not be reached: " + e.getMessage(), e);
        }
    }
}
