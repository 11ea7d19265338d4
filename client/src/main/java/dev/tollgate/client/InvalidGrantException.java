package dev.tollgate.client;

/**
 * {@code invalid_grant}: the refresh token, authorization code or assertion is no longer good (revoked,
 * expired, already used, or the person removed the application). Never retried; the user has to sign in
 * again or the key file has to be replaced. {@link #description()} carries the server's reason.
 */
public final class InvalidGrantException extends TokenRequestException {
    public InvalidGrantException(int httpStatus, String description) {
        super(httpStatus, "invalid_grant", description);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
