package dev.tollgate.core.user;

/** Ends every refresh and access token a person holds, for every application (a password reset does). */
@FunctionalInterface
public interface PersonTokenRevocation {
    void revokeEverythingOf(String userId);
}
