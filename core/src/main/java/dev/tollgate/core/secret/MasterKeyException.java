package dev.tollgate.core.secret;

/** The master key cannot be read, or is not the one the stored secrets are sealed with; the message is one line for the operator. */
public final class MasterKeyException extends RuntimeException {
    public MasterKeyException(String message) {
        super(message);
    }
}
