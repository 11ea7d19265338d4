package dev.tollgate.core.token;

import dev.tollgate.core.secret.SecretKind;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.protocol.Scopes;
import dev.tollgate.protocol.TokenResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Mints opaque access tokens and stores their hashes. */
public final class AccessTokenIssuer {
    private final AccessTokenRepository tokens;
    private final Clock clock;
    private final Duration lifetime;

    public AccessTokenIssuer(AccessTokenRepository tokens, Clock clock, Duration lifetime) {
        this.tokens = tokens;
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
        String token = Secrets.generate(SecretKind.ACCESS_TOKEN);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        var record = new AccessToken(Secrets.hash(token), kind, subjectId, email, clientId, projectId, scopes,
                now, now.plus(lifetime), false, source);
        tokens.insert(record);
        return new Issued(token, record);
    }
}
