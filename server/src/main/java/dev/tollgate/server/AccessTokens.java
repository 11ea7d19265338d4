package dev.tollgate.server;

import dev.tollgate.core.access.BearerAuthenticator;
import dev.tollgate.core.cache.InvalidationBus;
import dev.tollgate.core.secret.MasterKey;
import dev.tollgate.core.token.AccessTokenIssuer;
import dev.tollgate.core.token.AccessTokenRevocationRepository;
import dev.tollgate.core.token.AccessTokenSeal;
import dev.tollgate.core.token.RevokedAccessTokens;
import java.time.Clock;
import java.time.Duration;

/**
 * Access tokens, one instance of each part: sealed with a key derived from the master key, minted by
 * {@code issuer}, ended by {@code revoked}, and read back by {@code bearer} everywhere a token is accepted.
 */
record AccessTokens(RevokedAccessTokens revoked, AccessTokenIssuer issuer, BearerAuthenticator bearer) {

    static AccessTokens wire(MasterKey masterKey, AccessTokenRevocationRepository revocations, InvalidationBus bus,
                             Duration lifetime, Clock clock) {
        var seal = AccessTokenSeal.derivedFrom(masterKey);
        var revoked = new RevokedAccessTokens(revocations, bus, clock, lifetime);
        return new AccessTokens(revoked, new AccessTokenIssuer(seal, clock, lifetime), new BearerAuthenticator(seal, revoked, clock));
    }
}
