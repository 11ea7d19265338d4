package dev.tollgate.core.token;

/**
 * Signs an OpenID Connect ID token for a service account, the answer to a JWT-bearer assertion that
 * names a {@code target_audience} (Google's way for a service account to prove who it is to a service).
 */
@FunctionalInterface
public interface ServiceAccountIdTokens {
    /**
     * @param uniqueId the account's unique id: the token's {@code sub} and {@code azp}
     * @param email the account's address: the token's {@code email}
     * @param audience the {@code target_audience}: the token's {@code aud}
     * @return the signed token
     */
    String issue(String uniqueId, String email, String audience);

    /** The ID token's lifetime in seconds, as the token answer's {@code expires_in}. */
    long LIFETIME_SECONDS = 3600;
}
