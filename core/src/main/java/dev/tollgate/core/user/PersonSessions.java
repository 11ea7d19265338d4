package dev.tollgate.core.user;

/**
 * What account changes need of the sessions store: ending a person's sessions. Declared here, beside
 * the accounts, so that accounts do not depend on sessions (sessions depend on accounts).
 */
public interface PersonSessions {
    /** Ends every session of the person except the one kept (which may be null to end them all). */
    void deleteOthersOf(String userId, String keptSessionHash);
}
