package dev.tollgate.core.token;

import dev.tollgate.core.principal.Principal;
import dev.tollgate.protocol.Scopes;
import java.time.Instant;

/**
 * What an access token says, sealed inside the token itself ({@link AccessTokenSeal}): nothing is
 * stored per token. {@code tokenId} is unique per token and names it in a revocation; {@code projectId}
 * is the project its calls are charged to: the service account's own project, or the project of the
 * OAuth client. {@code source} names what it was minted from ({@code code:HASH} or {@code family:ID}),
 * so revoking that ends it too. {@code issueTime} has microseconds, so that a revocation's cutoff
 * tells the tokens minted before it from those minted after it.
 */
public record AccessToken(String tokenId, SubjectKind subjectKind, String subjectId, String email, String clientId,
                          String projectId, Scopes scopes, Instant issueTime, Instant expireTime, String source) {

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
