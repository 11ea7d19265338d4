package dev.tollgate.core.session;

/**
 * A session just begun: {@code sessionId} goes to the browser in a cookie and is never stored or
 * logged; only its hash is kept.
 */
public record NewSession(String sessionId, SignedIn signedIn) {
    @Override
    public String toString() {
        return "NewSession[" + signedIn.user() + "]";
    }
}
