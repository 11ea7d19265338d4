package dev.tollgate.core.secret;

/** A sealed value that the master key at hand does not open: another key sealed it, or it was changed. */
public final class SealBrokenException extends RuntimeException {
    public SealBrokenException(String message) {
        super(message);
    }
}
