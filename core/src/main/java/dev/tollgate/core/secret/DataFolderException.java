package dev.tollgate.core.secret;

/** The data folder cannot be made private; the message is one line for the operator. */
public final class DataFolderException extends RuntimeException {
    public DataFolderException(String message) {
        super(message);
    }
}
