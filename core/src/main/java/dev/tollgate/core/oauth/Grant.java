package dev.tollgate.core.oauth;

import dev.tollgate.protocol.Scopes;
import java.time.Instant;
import java.util.Optional;

/** What a person has allowed one client: remembered so the consent page asks only for what is new. */
public record Grant(String userId, String clientId, Scopes scopes, Instant createTime, Optional<Instant> lastUsedTime) {}
