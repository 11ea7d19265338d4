package dev.tollgate.client;

import dev.tollgate.protocol.Scopes;
import java.time.Instant;
import java.util.Objects;

/**
 * An OAuth access token with the moment it expires and the scopes it was granted.
 * Its {@link #toString()} never shows the token itself, so it can be logged.
 */
public record AccessToken(String value, Instant expiresAt, Scopes scopes) {

    public AccessToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiresAt, "expiresAt");
        scopes = scopes == null ? Scopes.EMPTY : scopes;
    }

    @Override
    public String toString() {
        return "AccessToken[expiresAt=" + expiresAt + ", scopes=" + scopes + "]";
    }
}
