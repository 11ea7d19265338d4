package dev.tollgate.core.access;

import dev.tollgate.core.token.AccessToken;
import java.util.Optional;

/** The verified identity behind an admitted call, and the project that pays for it. */
public record Caller(AccessType access, String projectId, String projectNumber, Optional<String> keyId, Optional<AccessToken> token) {

    public enum AccessType {
        SIMPLE, AUTHORIZED;

        public String wireName() { return this == SIMPLE ? "simple" : "authorized"; }
    }

    public Optional<String> userEmail() { return token.map(AccessToken::email); }

    /** Whether a person or a service account holds the token; empty for simple access, where no principal is known. */
    public Optional<PrincipalKind> principalKind() { return token.map(t -> PrincipalKind.of(t.subjectKind())); }

    public Optional<String> clientId() { return token.map(AccessToken::clientId); }
}
