package dev.tollgate.core.oauth;

import dev.tollgate.protocol.Scopes;
import java.time.Instant;
import java.util.Optional;

/** A stored authorization code, bound to its client, redirect URI and PKCE challenge. */
public record AuthorizationCodeRecord(String codeHash, String clientId, String userId, String email, String redirectUri,
                                      Optional<String> codeChallenge, Scopes scopes, Optional<String> nonce,
                                      Instant authTime, boolean offline, Instant expireTime) {}
