package dev.tollgate.server;

import dev.tollgate.core.Issuer;
import dev.tollgate.core.access.CredentialCache;
import dev.tollgate.core.cache.InvalidationBus;
import dev.tollgate.core.catalog.ApiCatalog;
import dev.tollgate.core.key.ApiKeyService;
import dev.tollgate.core.oauth.ServiceAccountGrant;
import dev.tollgate.core.projectadmin.ProjectService;
import dev.tollgate.core.secret.MasterKey;
import dev.tollgate.core.serviceaccount.CachedServiceAccounts;
import dev.tollgate.core.serviceaccount.ServiceAccountService;
import dev.tollgate.core.token.KnownScopes;
import java.time.Clock;
import java.time.Duration;

/**
 * Projects, API keys, service accounts and the access tokens they are given: what every other part checks callers against.
 */
record Identities(ProjectService projects, ApiKeyService keys, ServiceAccountService serviceAccounts, AccessTokens accessTokens,
                  ServiceAccountGrant serviceAccountGrant, CredentialCache cache) {

    static Identities wire(ServerConfig config, Stores stores, InvalidationBus bus, ApiCatalog catalog, Issuer issuer,
                           MasterKey masterKey, Clock clock) {
        var tokens = AccessTokens.wire(masterKey, stores.accessTokenRevocations(), bus, config.accessTokenLifetime(), clock);
        var projects = new ProjectService(stores.projects(), stores.verifiedAddresses(), catalog, bus, tokens.revoked(), clock);
        var keys = new ApiKeyService(stores.keys(), projects.permissions(), catalog, bus, clock);
        // Read for every JWT-bearer assertion: through a cache that every change to an account or key empties.
        var accounts = new CachedServiceAccounts(stores.serviceAccounts(), bus);
        var serviceAccounts = new ServiceAccountService(accounts, projects.permissions(), bus, tokens.revoked(), issuer, clock);
        var grant = new ServiceAccountGrant(accounts, tokens.issuer(), new KnownScopes(catalog), issuer, clock, Duration.ofSeconds(60));
        var cache = new CredentialCache(stores.keys(), stores.projects(), bus);
        return new Identities(projects, keys, serviceAccounts, tokens, grant, cache);
    }
}
