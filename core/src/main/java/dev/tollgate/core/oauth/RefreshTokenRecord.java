package dev.tollgate.core.oauth;

import dev.tollgate.protocol.Scopes;
import java.time.Instant;
import java.util.Optional;

/**
 * A stored refresh token. Tokens that replace one another on rotation share a {@code familyId};
 * {@code rotated} marks one that has been replaced, so that its reuse reveals a theft.
 */
public record RefreshTokenRecord(String tokenHash, String familyId, String userId, String email, String clientId,
                                 String projectId, Scopes scopes, Instant createTime, Instant lastUsedTime,
                                 boolean revoked, boolean rotated, Optional<String> nonce, Instant authTime) {}
