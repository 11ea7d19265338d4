package dev.tollgate.core.access;

import dev.tollgate.core.principal.PrincipalKind;
import dev.tollgate.core.token.AccessToken;
import java.util.Objects;
import java.util.Optional;

/** The verified identity behind an admitted call, and the project that pays for it. */
public record Caller(String projectId, String projectNumber, Credential credential) {

    public enum AccessType {
        SIMPLE, AUTHORIZED;

        public String wireName() { return this == SIMPLE ? "simple" : "authorized"; }
    }

    public Caller {
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(projectNumber, "projectNumber");
        Objects.requireNonNull(credential, "credential");
    }

    /** Simple access with a key, authorized access with a token. */
    public AccessType access() {
        return credential instanceof Credential.ApiKey ? AccessType.SIMPLE : AccessType.AUTHORIZED;
    }

    /** The key of simple access; empty for a token. */
    public Optional<String> keyId() {
        return credential instanceof Credential.ApiKey key ? Optional.of(key.keyId()) : Optional.empty();
    }

    /** The token of authorized access, whoever holds it; empty for a key. */
    public Optional<AccessToken> token() {
        if (credential instanceof Credential.PersonToken person) {
            return Optional.of(person.token());
        }
        if (credential instanceof Credential.ServiceAccountToken account) {
            return Optional.of(account.token());
        }
        return Optional.empty();
    }

    public Optional<String> userEmail() { return token().map(AccessToken::email); }

    /** Whether a person or a service account holds the token; empty for simple access, where no principal is known. */
    public Optional<PrincipalKind> principalKind() {
        if (credential instanceof Credential.PersonToken) {
            return Optional.of(PrincipalKind.PERSON);
        }
        if (credential instanceof Credential.ServiceAccountToken) {
            return Optional.of(PrincipalKind.SERVICE_ACCOUNT);
        }
        return Optional.empty();
    }

    public Optional<String> clientId() { return token().map(AccessToken::clientId); }
}
