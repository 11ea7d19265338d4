package dev.tollgate.core.token;

import java.util.Optional;

public interface AccessTokenRepository {
    void insert(AccessToken token);

    Optional<AccessToken> findByHash(String tokenHash);

    boolean revoke(String tokenHash);

    /** Revokes every token of a subject (a service account disabled or deleted); returns how many. */
    int revokeAllOf(String subjectId);

    /** Revokes the live tokens minted from one source; returns their hashes, for the caches. */
    java.util.List<String> revokeBySource(String source);

    java.util.List<String> revokeForSubjectAndClient(String subjectId, String clientId);

    java.util.List<String> revokeForClient(String clientId);

    /** Revokes every live access token of the person (not of a service account); returns their hashes. */
    java.util.List<String> revokeForUser(String userId);
}
