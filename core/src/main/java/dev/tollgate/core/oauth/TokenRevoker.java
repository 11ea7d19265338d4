package dev.tollgate.core.oauth;

import dev.tollgate.core.cache.Invalidation;
import dev.tollgate.core.cache.InvalidationBus;
import dev.tollgate.core.token.AccessTokenRepository;
import java.util.List;

/**
 * Ends tokens and tells every cache at once. Revoking a refresh token ends the access tokens
 * minted from it; removing a grant ends everything the client holds for that person.
 */
public final class TokenRevoker implements dev.tollgate.core.user.PersonTokenRevocation {
    private final AccessTokenRepository accessTokens;
    private final RefreshTokenRepository refreshTokens;
    private final GrantRepository grants;
    private final GrantGenerations generations;
    private final InvalidationBus bus;

    public TokenRevoker(AccessTokenRepository accessTokens, RefreshTokenRepository refreshTokens, GrantRepository grants,
                        GrantGenerations generations, InvalidationBus bus) {
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.grants = grants;
        this.generations = generations;
        this.bus = bus;
    }

    public static String familySource(String familyId) {
        return "family:" + familyId;
    }

    public static String codeSource(String codeHash) {
        return "code:" + codeHash;
    }

    public void revokeFamily(String familyId) {
        refreshTokens.revokeFamily(familyId);
        announce(accessTokens.revokeBySource(familySource(familyId)));
    }

    /** A replayed authorization code: whatever was issued from it is presumed stolen. */
    public void revokeIssuedFromCode(String codeHash) {
        announce(accessTokens.revokeBySource(codeSource(codeHash)));
        revokeFamily(codeHash);
    }

    public void revokeAccessToken(String tokenHash) {
        if (accessTokens.revoke(tokenHash)) {
            bus.publish(new Invalidation.AccessToken(tokenHash));
        }
    }

    /** Ends the grant and, through its generation, every code and device approval issued under it. */
    public void removeGrant(String userId, String clientId) {
        generations.advance(userId, clientId);
        grants.delete(userId, clientId);
        refreshTokens.revokeForUserAndClient(userId, clientId);
        announce(accessTokens.revokeForSubjectAndClient(userId, clientId));
    }

    public void revokeClient(String clientId) {
        refreshTokens.revokeForClient(clientId);
        announce(accessTokens.revokeForClient(clientId));
    }

    /** Every refresh and access token of the person, for every client: what a password reset ends. */
    @Override
    public void revokeEverythingOf(String userId) {
        refreshTokens.revokeForUser(userId);
        announce(accessTokens.revokeForUser(userId));
    }

    private void announce(List<String> tokenHashes) {
        for (String hash : tokenHashes) {
            bus.publish(new Invalidation.AccessToken(hash));
        }
    }
}
