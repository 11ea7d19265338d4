package dev.tollgate.core.oauth;

import dev.tollgate.core.secret.SecretKind;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.protocol.OAuthError;
import dev.tollgate.protocol.OAuthException;
import dev.tollgate.protocol.Scopes;
import dev.tollgate.protocol.TokenRequest;
import dev.tollgate.protocol.TokenResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * RFC 6749 §6. Refresh tokens do not expire, but die unused after {@code maxIdle}. A public
 * client's token rotates on every use; presenting a replaced one revokes the whole family
 * (RFC 9700 §4.14.2).
 */
public final class RefreshTokenGrant {
    private final ClientAuthenticator clients;
    private final RefreshTokenRepository refreshTokens;
    private final GrantRepository grants;
    private final GrantGenerations generations;
    private final TokenRevoker revoker;
    private final PersonTokens tokens;
    private final Clock clock;
    private final Duration maxIdle;
    /**
     * How stale a token's (and its grant's) last use may be recorded. It only has to be exact to well
     * within {@code maxIdle}; writing it on every refresh would make each refresh two database writes.
     */
    private final Duration recordUseEvery;

    public RefreshTokenGrant(ClientAuthenticator clients, RefreshTokenRepository refreshTokens, GrantRepository grants,
                             GrantGenerations generations, TokenRevoker revoker, PersonTokens tokens, Clock clock, Duration maxIdle) {
        this.clients = clients;
        this.refreshTokens = refreshTokens;
        this.grants = grants;
        this.generations = generations;
        this.revoker = revoker;
        this.tokens = tokens;
        this.clock = clock;
        this.maxIdle = maxIdle;
        Duration hundredth = maxIdle.dividedBy(100);
        this.recordUseEvery = hundredth.compareTo(Duration.ofHours(1)) < 0 ? hundredth : Duration.ofHours(1);
    }

    public TokenResponse refresh(TokenRequest.RefreshToken request) throws OAuthException {
        OAuthClient client = clients.authenticate(request.client());
        if (!Secrets.isWellFormed(SecretKind.REFRESH_TOKEN, request.refreshToken())) {
            throw OAuthError.INVALID_GRANT.exception("Malformed refresh token.");
        }
        String hash = Secrets.hash(request.refreshToken());
        RefreshTokenRecord token = refreshTokens.find(hash)
                .filter(t -> !t.revoked())
                .orElseThrow(() -> OAuthError.INVALID_GRANT.exception("Token has been expired or revoked."));
        if (!token.clientId().equals(client.clientId())) {
            throw OAuthError.INVALID_GRANT.exception("The refresh token was issued to another client.");
        }
        if (token.rotated()) {
            revoker.revokeFamily(token.familyId());
            throw OAuthError.INVALID_GRANT.exception("Token has been expired or revoked.");
        }
        if (token.lastUsedTime().plus(maxIdle).isBefore(clock.instant())) {
            revoker.revokeFamily(token.familyId());
            throw OAuthError.INVALID_GRANT.exception("Token has been expired or revoked.");
        }
        String family = GrantGenerations.family(token.familyId());
        if (!generations.isLive(family, token.userId(), client.clientId())) {
            revoker.revokeFamily(token.familyId());
            throw GrantGenerations.removed();
        }
        Scopes scopes = request.narrowTo().orElse(token.scopes());
        if (!token.scopes().containsAll(scopes) || scopes.isEmpty()) {
            throw OAuthError.INVALID_SCOPE.exception("The requested scope is not within the scope the person granted.");
        }
        boolean rotate = client.isPublic();
        if (rotate && !refreshTokens.markRotated(hash)) {
            revoker.revokeFamily(token.familyId());
            throw OAuthError.INVALID_GRANT.exception("Token has been expired or revoked.");
        }
        Instant now = clock.instant();
        boolean recordUse = !token.lastUsedTime().plus(recordUseEvery).isAfter(now);
        if (!rotate && recordUse) {
            refreshTokens.touch(hash, now);
        }
        if (rotate || recordUse) {
            grants.touch(token.userId(), client.clientId(), now);
        }
        // A rotating client gets its next refresh token here; a confidential one keeps the one it has.
        TokenResponse issued = tokens.issue(new PersonTokens.Issuance(token.userId(), token.email(), client, scopes,
                token.nonce(), token.authTime(), token.familyId(), rotate, TokenRevoker.familySource(token.familyId())));
        if (!generations.isLive(family, token.userId(), client.clientId())) {
            // The grant was removed while the tokens were minted: they end with it.
            revoker.revokeFamily(token.familyId());
            throw GrantGenerations.removed();
        }
        return issued;
    }
}
