package dev.tollgate.core.cache;

/** Something cached on the hot path changed; every node drops its copy. */
public sealed interface Invalidation {
    record ApiKey(String keyHash) implements Invalidation {}
    /**
     * Access tokens were revoked: the rule every node adds to its list ({@code RevokedAccessTokens}), in
     * plain values so that the bus need not know the token package.
     */
    record AccessTokensRevoked(String scope, String value, long cutoffMicros, long untilEpochMillis) implements Invalidation {}
    record Project(String projectId) implements Invalidation {}
    /** A service account was disabled or deleted, or a project deleted: what was cached of them may be stale. */
    record AllTokens() implements Invalidation {}
    /**
     * Many keys changed at once (a project deleted), or this node may have missed other nodes'
     * invalidations: every cache of keys and of project state starts afresh.
     */
    record AllKeys() implements Invalidation {}
    /** An OAuth client was created or deleted: the JavaScript origins registered on clients changed. */
    record OAuthClients() implements Invalidation {}
    /** A service account or one of its keys was disabled, enabled, added or deleted. */
    record ServiceAccounts() implements Invalidation {}
}
