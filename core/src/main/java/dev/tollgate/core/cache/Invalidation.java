package dev.tollgate.core.cache;

/** Something cached on the hot path changed; every node drops its copy. */
public sealed interface Invalidation {
    record ApiKey(String keyHash) implements Invalidation {}
    record AccessToken(String tokenHash) implements Invalidation {}
    record Project(String projectId) implements Invalidation {}
    /** Many tokens changed at once (a service account disabled or deleted, a project deleted). */
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
