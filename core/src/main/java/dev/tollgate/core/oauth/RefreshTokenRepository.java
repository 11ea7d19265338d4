package dev.tollgate.core.oauth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface RefreshTokenRepository {
    void insert(RefreshTokenRecord token);

    Optional<RefreshTokenRecord> find(String tokenHash);

    void touch(String tokenHash, Instant when);

    /** Marks a live token replaced; false if it was already replaced or revoked (a concurrent or stolen use). */
    boolean markRotated(String tokenHash);

    int revokeFamily(String familyId);

    /** Whether any refresh token, live or not, belongs to the family. */
    boolean hasFamily(String familyId);

    /** Families of the live tokens a person holds for a client, oldest first. */
    List<String> liveFamilies(String userId, String clientId);

    int revokeForUserAndClient(String userId, String clientId);

    int revokeForClient(String clientId);

    /** Revokes every live refresh token of the person, whatever the client. */
    int revokeForUser(String userId);
}
