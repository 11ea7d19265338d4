package dev.tollgate.core.oauth;

import dev.tollgate.core.token.AccessToken;
import dev.tollgate.core.token.RevokedAccessTokens;

/**
 * Ends tokens on every node at once. Revoking a refresh token ends the access tokens
 * minted from it; removing a grant ends everything the client holds for that person.
 */
public final class TokenRevoker implements dev.tollgate.core.user.PersonTokenRevocation {
    private final RevokedAccessTokens accessTokens;
    private final RefreshTokenRepository refreshTokens;
    private final GrantRepository grants;
    private final GrantGenerations generations;

    public TokenRevoker(RevokedAccessTokens accessTokens, RefreshTokenRepository refreshTokens, GrantRepository grants,
                        GrantGenerations generations) {
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.grants = grants;
        this.generations = generations;
    }

    public static String familySource(String familyId) {
        return "family:" + familyId;
    }

    public static String codeSource(String codeHash) {
        return "code:" + codeHash;
    }

    public void revokeFamily(String familyId) {
        refreshTokens.revokeFamily(familyId);
        accessTokens.revokeSource(familySource(familyId));
    }

    /** A replayed authorization code: whatever was issued from it is presumed stolen. */
    public void revokeIssuedFromCode(String codeHash) {
        accessTokens.revokeSource(codeSource(codeHash));
        revokeFamily(codeHash);
    }

    public void revokeAccessToken(AccessToken token) {
        accessTokens.revokeToken(token);
    }

    /** Ends the grant and, through its generation, every code and device approval issued under it. */
    public void removeGrant(String userId, String clientId) {
        generations.advance(userId, clientId);
        grants.delete(userId, clientId);
        refreshTokens.revokeForUserAndClient(userId, clientId);
        accessTokens.revokeSubjectAndClient(userId, clientId);
    }

    public void revokeClient(String clientId) {
        refreshTokens.revokeForClient(clientId);
        accessTokens.revokeClient(clientId);
    }

    /** Every refresh and access token of the person, for every client: what a password reset ends. */
    @Override
    public void revokeEverythingOf(String userId) {
        refreshTokens.revokeForUser(userId);
        accessTokens.revokeSubject(userId);
    }
}
