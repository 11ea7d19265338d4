package dev.tollgate.protocol;

/** An {@link OAuthError} with its {@code error_description}. */
public final class OAuthException extends Exception {
    private final OAuthError error;

    public OAuthException(OAuthError error, String description) {
        super(description, null, false, false);
        this.error = error;
    }

    public OAuthError error() { return error; }

    public String description() { return getMessage(); }
}
