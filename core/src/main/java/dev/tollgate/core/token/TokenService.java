package dev.tollgate.core.token;

import dev.tollgate.protocol.OAuthException;
import dev.tollgate.protocol.TokenRequest;
import dev.tollgate.protocol.TokenResponse;

/** The token endpoint's decision: one handler per grant. */
public final class TokenService {
    private final ServiceAccountGrant serviceAccounts;

    public TokenService(ServiceAccountGrant serviceAccounts) {
        this.serviceAccounts = serviceAccounts;
    }

    public TokenResponse issue(TokenRequest request) throws OAuthException {
        // Java 17 has no pattern switch; the sealed interface keeps this chain exhaustive by review.
        if (request instanceof TokenRequest.JwtBearer r) {
            return serviceAccounts.exchange(r);
        }
        if (request instanceof TokenRequest.ClientCredentials r) {
            return serviceAccounts.exchange(r);
        }
        throw new IllegalStateException("Unhandled grant " + request.getClass().getSimpleName());
    }
}
