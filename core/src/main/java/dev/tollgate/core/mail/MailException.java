package dev.tollgate.core.mail;

/** A message that could not be handed to the mail server (or written to the outbox). */
public final class MailException extends RuntimeException {
    public MailException(String message, Throwable cause) {
        super(message, cause);
    }
}
