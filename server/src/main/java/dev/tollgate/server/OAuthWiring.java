package dev.tollgate.server;

import dev.tollgate.core.Issuer;
import dev.tollgate.core.cache.InvalidationBus;
import dev.tollgate.core.catalog.ApiCatalog;
import dev.tollgate.core.cors.RegisteredOrigins;
import dev.tollgate.core.oauth.AuthorizationCodeGrant;
import dev.tollgate.core.oauth.AuthorizationService;
import dev.tollgate.core.oauth.ClientAuthenticator;
import dev.tollgate.core.oauth.DeviceFlow;
import dev.tollgate.core.oauth.GrantGenerations;
import dev.tollgate.core.oauth.IdTokens;
import dev.tollgate.core.oauth.OAuthClientService;
import dev.tollgate.core.oauth.Permissions;
import dev.tollgate.core.oauth.PersonTokens;
import dev.tollgate.core.oauth.RefreshTokenGrant;
import dev.tollgate.core.oauth.SigningKeys;
import dev.tollgate.core.oauth.TokenInspection;
import dev.tollgate.core.oauth.TokenRevoker;
import dev.tollgate.core.project.ProjectPermissions;
import dev.tollgate.core.project.ProjectRepository;
import dev.tollgate.core.token.KnownScopes;
import dev.tollgate.protocol.Scopes;
import dev.tollgate.store.jdbc.Database;
import dev.tollgate.store.jdbc.JdbcAuthorizationCodeRepository;
import dev.tollgate.store.jdbc.JdbcDeviceAuthorizationRepository;
import dev.tollgate.store.jdbc.JdbcGrantGenerationRepository;
import dev.tollgate.store.jdbc.JdbcGrantRepository;
import dev.tollgate.store.jdbc.JdbcOAuthClientRepository;
import dev.tollgate.store.jdbc.JdbcRefreshTokenRepository;
import dev.tollgate.store.jdbc.JdbcSigningKeyRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;

/** The OAuth 2.0 / OpenID Connect part of a node, wired from its repositories. */
record OAuthWiring(OAuthClientService clients, dev.tollgate.core.oauth.OAuthClientRepository clientRepository, AuthorizationService authorization, AuthorizationCodeGrant codeGrant,
                   RefreshTokenGrant refreshGrant, DeviceFlow deviceFlow, TokenInspection inspection, Permissions permissions,
                   SigningKeys signingKeys, Scopes supportedScopes, TokenRevoker revoker, RegisteredOrigins javascriptOrigins,
                   dev.tollgate.core.oauth.IdTokens idTokens) {

    /** Old signing keys stay published this long after rotation, well past the one-hour life of what they signed. */
    static final Duration SIGNING_KEY_GRACE = Duration.ofDays(2);

    static OAuthWiring wire(ServerConfig.OAuthSettings settings, Database db, dev.tollgate.core.secret.MasterKey masterKey, ApiCatalog catalog, ProjectRepository projects, ProjectPermissions permissions,
                            AccessTokens accessTokens, InvalidationBus bus, Issuer issuer, Clock clock) {
        return wire(settings, db, masterKey, catalog, projects, permissions, accessTokens, bus, issuer, (userId, email) -> false, clock);
    }

    /** @param addresses which people's addresses ID tokens and userinfo may call verified */
    static OAuthWiring wire(ServerConfig.OAuthSettings settings, Database db, dev.tollgate.core.secret.MasterKey masterKey, ApiCatalog catalog,
                            ProjectRepository projects, ProjectPermissions permissions,
                            AccessTokens accessTokens, InvalidationBus bus, Issuer issuer,
                            dev.tollgate.core.principal.VerifiedAddresses addresses, Clock clock) {
        var clientRepo = new JdbcOAuthClientRepository(db);
        var grants = new JdbcGrantRepository(db);
        var codes = new JdbcAuthorizationCodeRepository(db);
        var refreshTokens = new JdbcRefreshTokenRepository(db);
        var devices = new JdbcDeviceAuthorizationRepository(db);
        var generations = new GrantGenerations(new JdbcGrantGenerationRepository(db));
        var revoker = new TokenRevoker(accessTokens.revoked(), refreshTokens, grants, generations);
        var clients = new OAuthClientService(clientRepo, permissions, revoker, issuer, bus, clock);
        var authenticator = ClientAuthenticator.cached(clientRepo, bus);
        var signingKeys = new SigningKeys(new JdbcSigningKeyRepository(db, masterKey), clock, settings.signingKeyRotation(), SIGNING_KEY_GRACE);
        signingKeys.current();
        var idTokens = new IdTokens(signingKeys, issuer, clock, addresses);
        var personTokens = new PersonTokens(accessTokens.issuer(), refreshTokens, revoker, idTokens, clock, settings.maxRefreshTokensPerClient());
        var knownScopes = new KnownScopes(catalog);
        var authorization = new AuthorizationService(clientRepo, projects, clients, grants, generations, codes, knownScopes, catalog, issuer, clock);
        var codeGrant = new AuthorizationCodeGrant(authenticator, codes, grants, generations, revoker, personTokens, clock);
        var refreshGrant = new RefreshTokenGrant(authenticator, refreshTokens, grants, generations, revoker, personTokens, clock, settings.refreshTokenMaxIdle());
        var deviceFlow = new DeviceFlow(authenticator, devices, grants, generations, revoker, personTokens, knownScopes, issuer, clock);
        var inspection = new TokenInspection(accessTokens.bearer(), refreshTokens, revoker, authenticator, idTokens, clock);
        var permissionsOfPeople = new Permissions(grants, clientRepo, projects, clients, revoker, catalog);
        var scopes = new HashSet<>(catalog.scopeNames());
        scopes.add(KnownScopes.OPENID);
        scopes.add(KnownScopes.EMAIL);
        scopes.add(KnownScopes.PROFILE);
        return new OAuthWiring(clients, clientRepo, authorization, codeGrant, refreshGrant, deviceFlow, inspection, permissionsOfPeople,
                signingKeys, Scopes.of(scopes), revoker, new RegisteredOrigins(clientRepo, bus), idTokens);
    }
}
