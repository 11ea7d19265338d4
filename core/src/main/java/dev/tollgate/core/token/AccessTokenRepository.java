package dev.tollgate.core.token;

import java.util.Optional;

public interface AccessTokenRepository {
    void insert(AccessToken token);

    Optional<AccessToken> findByHash(String tokenHash);

    boolean revoke(String tokenHash);

    /** Revokes every token of a subject (a service account disabled or deleted); returns how many. */
    int revokeAllOf(String subjectId);
}
