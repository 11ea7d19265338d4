package dev.tollgate.server.mail;

import dev.tollgate.core.mail.Mail;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Date;

/** Builds the MIME form of a {@link Mail}: plain UTF-8 text, one recipient, addresses parsed strictly. */
final class MimeMessages {
    private MimeMessages() {}

    static MimeMessage of(Session session, String from, Mail mail) throws MessagingException {
        var message = new MimeMessage(session);
        message.setFrom(new InternetAddress(from, true));
        // Strict parsing: an address is one address, so no header or extra recipient can be smuggled in.
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to(), true));
        message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        message.setText(mail.text(), StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        message.saveChanges();
        return message;
    }
}
