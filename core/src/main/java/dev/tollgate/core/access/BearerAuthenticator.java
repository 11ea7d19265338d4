package dev.tollgate.core.access;

import com.github.benmanes.caffeine.cache.Cache;
import dev.tollgate.core.cache.Caches;
import dev.tollgate.core.principal.Principal;
import dev.tollgate.core.token.AccessToken;
import dev.tollgate.core.token.AccessTokenSeal;
import dev.tollgate.core.token.RevokedAccessTokens;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.protocol.ApiException;
import java.time.Clock;
import java.time.Duration;

/**
 * Turns the string of an {@code Authorization: Bearer} header into the access token it names and
 * the principal behind it, for every caller that accepts access tokens (the gateway, the admin API
 * and the token endpoints), so that they agree on what a valid token is. Reads no database: the
 * token carries its record, and revocations are kept in memory. A token opened once is remembered
 * for a while (clients present the same token for up to an hour), which saves its decryption on
 * every later call; revocation and expiry are still checked on every call.
 */
public final class BearerAuthenticator {
    /** Tokens in use at once on a node; each entry is about 1 KB. */
    private static final int REMEMBERED = 50_000;

    private final Cache<String, AccessToken> opened = Caches.upkeptByCallers()
            .maximumSize(REMEMBERED).expireAfterAccess(Duration.ofMinutes(10)).build();
    private final AccessTokenSeal seal;
    private final RevokedAccessTokens revoked;
    private final Clock clock;

    public BearerAuthenticator(AccessTokenSeal seal, RevokedAccessTokens revoked, Clock clock) {
        this.seal = seal;
        this.revoked = revoked;
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
        /** Not shaped like an access token (prefix, length, alphabet, checksum): refused without decryption. */
        MALFORMED(ApiError.ACCESS_TOKEN_INVALID),
        /** Well formed, but not sealed by this deployment, changed since, or revoked. */
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
        AccessToken token = bearer == null ? null : opened.getIfPresent(bearer);
        if (token == null) {
            if (!AccessTokenSeal.isWellFormed(bearer)) {
                return MALFORMED;
            }
            token = seal.open(bearer).orElse(null);
            if (token == null) {
                return UNKNOWN;
            }
            opened.put(bearer, token);
        }
        if (revoked.isRevoked(token)) {
            return UNKNOWN;
        }
        if (token.isExpiredAt(clock.instant())) {
            return EXPIRED;
        }
        return new Authenticated(token, token.principal());
    }
}
