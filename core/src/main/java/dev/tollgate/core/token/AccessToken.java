package dev.tollgate.core.token;

import dev.tollgate.core.access.Principal;
import dev.tollgate.protocol.Scopes;
import java.time.Instant;

/**
 * A stored access token: only its hash is kept. {@code projectId} is the project its calls are
 * charged to: the service account's own project, or the project of the OAuth client. {@code source}
 * names what it was minted from ({@code code:HASH} or {@code family:ID}), so revoking that ends it too.
 */
public record AccessToken(String tokenHash, SubjectKind subjectKind, String subjectId, String email, String clientId,
                          String projectId, Scopes scopes, Instant issueTime, Instant expireTime, boolean revoked,
                          String source) {

    /** A token that came from no code or refresh token (a service account's). */
    public AccessToken(String tokenHash, SubjectKind subjectKind, String subjectId, String email, String clientId,
                       String projectId, Scopes scopes, Instant issueTime, Instant expireTime, boolean revoked) {
        this(tokenHash, subjectKind, subjectId, email, clientId, projectId, scopes, issueTime, expireTime, revoked, null);
    }

    public enum SubjectKind { USER, SERVICE_ACCOUNT }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expireTime);
    }

    public Principal principal() {
        return subjectKind == SubjectKind.SERVICE_ACCOUNT
                ? new Principal.ServiceAccount(email, subjectId, projectId)
                : new Principal.Person(subjectId, email);
    }
}
