package dev.tollgate.core.metering;

/**
 * A journal frame before the durable end is damaged. The drain stops there rather than skip
 * records; an operator decides (the message names the file and offset).
 */
public final class JournalCorruptException extends JournalException {
    public JournalCorruptException(String message) {
        super(message);
    }
}
