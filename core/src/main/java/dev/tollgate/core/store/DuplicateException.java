package dev.tollgate.core.store;

/** A repository refused to store something because its unique identity is already taken. */
public final class DuplicateException extends RuntimeException {
    public DuplicateException(String what) {
        super(what, null, false, false);
    }
}
