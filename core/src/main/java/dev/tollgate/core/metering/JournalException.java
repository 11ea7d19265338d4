package dev.tollgate.core.metering;

/** The journal could not make a record durable, or could not be read. */
public class JournalException extends RuntimeException {
    public JournalException(String message) {
        super(message);
    }

    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
