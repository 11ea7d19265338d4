package dev.tollgate.core.oauth;

import java.time.Instant;

/** One of a client's secrets, kept as a hash; a client may hold two while it rotates. */
public record ClientSecret(String secretId, String clientId, String secretHash, Instant createTime) {}
