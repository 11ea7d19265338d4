package dev.tollgate.core.principal;

import java.util.Objects;

/** A principal as data is keyed by it: its kind and its address, never the address alone. */
public record PrincipalName(PrincipalKind kind, String email) {

    public PrincipalName {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(email, "email");
    }

    public static PrincipalName person(String email) { return new PrincipalName(PrincipalKind.PERSON, email); }

    public static PrincipalName serviceAccount(String email) { return new PrincipalName(PrincipalKind.SERVICE_ACCOUNT, email); }
}
