package dev.tollgate.core.access;

import dev.tollgate.core.secret.SecretKind;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.core.token.AccessToken;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.protocol.ApiException;
import java.time.Clock;

/**
 * Turns the string of an {@code Authorization: Bearer} header into the access token it names and
 * the principal behind it, for every caller that accepts access tokens (the gateway and the admin
 * API), so that they agree on what a valid token is. Reads only {@link CredentialCache}: a
 * malformed token is refused without a lookup, and a known one without the database.
 */
public final class BearerAuthenticator {
    private final CredentialCache cache;
    private final Clock clock;

    public BearerAuthenticator(CredentialCache cache, Clock clock) {
        this.cache = cache;
        this.clock = clock;
    }

    /** What a bearer string turned out to be. */
    public sealed interface Result {
        /** The token as an exception in Google's error format, or its record when valid. */
        AccessToken orThrow();
    }

    /** A live access token, and who it speaks for. */
    public record Authenticated(AccessToken token, Principal principal) implements Result {
        @Override
        public AccessToken orThrow() { return token; }
    }

    /** Not a token Tollgate issued, or one revoked or expired. */
    public record Rejected(Reason reason) implements Result {
        @Override
        public AccessToken orThrow() { throw reason.exception(); }
    }

    public enum Reason {
        /** Not shaped like an access token (prefix, length, checksum): refused without a lookup. */
        MALFORMED(ApiError.ACCESS_TOKEN_INVALID),
        /** Well formed, but never issued or revoked since. */
        UNKNOWN(ApiError.ACCESS_TOKEN_INVALID),
        EXPIRED(ApiError.ACCESS_TOKEN_EXPIRED);

        private final ApiError error;

        Reason(ApiError error) {
            this.error = error;
        }

        public ApiException exception() { return error.exception(); }
    }

    private static final Rejected MALFORMED = new Rejected(Reason.MALFORMED);
    private static final Rejected UNKNOWN = new Rejected(Reason.UNKNOWN);
    private static final Rejected EXPIRED = new Rejected(Reason.EXPIRED);

    public Result authenticate(String bearer) {
        if (!Secrets.isWellFormed(SecretKind.ACCESS_TOKEN, bearer)) {
            return MALFORMED;
        }
        AccessToken token = cache.token(Secrets.hash(bearer)).filter(t -> !t.revoked()).orElse(null);
        if (token == null) {
            return UNKNOWN;
        }
        if (token.isExpiredAt(clock.instant())) {
            return EXPIRED;
        }
        return new Authenticated(token, token.principal());
    }
}
