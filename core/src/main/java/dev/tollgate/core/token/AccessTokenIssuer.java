package dev.tollgate.core.token;

import dev.tollgate.protocol.Scopes;
import dev.tollgate.protocol.TokenResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Mints access tokens that carry their own sealed record: nothing is written per token. */
public final class AccessTokenIssuer {
    private final AccessTokenSeal seal;
    private final Clock clock;
    private final Duration lifetime;

    public AccessTokenIssuer(AccessTokenSeal seal, Clock clock, Duration lifetime) {
        this.seal = seal;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    public record Issued(String token, AccessToken record) {
        public TokenResponse response(Instant now) {
            return TokenResponse.bearer(token, Math.max(0, Duration.between(now, record.expireTime()).toSeconds()), record.scopes());
        }
    }

    public Issued issue(AccessToken.SubjectKind kind, String subjectId, String email, String clientId, String projectId, Scopes scopes) {
        return issue(kind, subjectId, email, clientId, projectId, scopes, null);
    }

    public Issued issue(AccessToken.SubjectKind kind, String subjectId, String email, String clientId, String projectId,
                        Scopes scopes, String source) {
        Instant now = clock.instant();
        var sealed = seal.seal(kind, subjectId, email, clientId, projectId, scopes, now, now.plus(lifetime), source);
        return new Issued(sealed.token(), sealed.record());
    }
}
