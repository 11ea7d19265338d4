package dev.tollgate.core.mail;

/** Delivers mail: through SMTP, or into the data folder's outbox when no SMTP server is configured. */
public interface Mailer {

    /** @throws MailException when the message could not be handed over */
    void send(Mail mail);
}
