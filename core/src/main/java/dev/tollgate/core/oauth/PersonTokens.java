package dev.tollgate.core.oauth;

import dev.tollgate.core.secret.SecretKind;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.core.token.AccessToken;
import dev.tollgate.core.token.AccessTokenIssuer;
import dev.tollgate.core.token.KnownScopes;
import dev.tollgate.protocol.Scopes;
import dev.tollgate.protocol.TokenResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** Mints what a person's grant yields: an access token, a refresh token for offline access, an ID token for openid. */
public final class PersonTokens {
    private final AccessTokenIssuer accessTokens;
    private final RefreshTokenRepository refreshTokens;
    private final TokenRevoker revoker;
    private final IdTokens idTokens;
    private final Clock clock;
    private final int maxRefreshTokensPerClient;

    public PersonTokens(AccessTokenIssuer accessTokens, RefreshTokenRepository refreshTokens, TokenRevoker revoker,
                        IdTokens idTokens, Clock clock, int maxRefreshTokensPerClient) {
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.revoker = revoker;
        this.idTokens = idTokens;
        this.clock = clock;
        this.maxRefreshTokensPerClient = maxRefreshTokensPerClient;
    }

    /**
     * @param familyId  the refresh-token family: a new one for a code or device grant, the old one on rotation
     * @param newRefresh whether to mint a refresh token (offline access, or rotation)
     * @param source    what the access token is minted from, for revocation cascades
     */
    public record Issuance(String userId, String email, OAuthClient client, Scopes scopes, Optional<String> nonce,
                           Instant authTime, String familyId, boolean newRefresh, String source) {}

    public TokenResponse issue(Issuance i) {
        var access = accessTokens.issue(AccessToken.SubjectKind.USER, i.userId(), i.email(), i.client().clientId(),
                i.client().projectId(), i.scopes(), i.source());
        String refresh = i.newRefresh() ? newRefreshToken(i) : null;
        String idToken = i.scopes().contains(KnownScopes.OPENID)
                ? idTokens.issue(i.userId(), i.email(), i.client().clientId(), i.authTime(), i.nonce(), i.scopes().contains(KnownScopes.EMAIL))
                : null;
        long expiresIn = Math.max(0, Duration.between(clock.instant(), access.record().expireTime()).toSeconds());
        return new TokenResponse(access.token(), "Bearer", expiresIn, i.scopes().toString(), refresh, idToken);
    }

    private String newRefreshToken(Issuance i) {
        List<String> live = refreshTokens.liveFamilies(i.userId(), i.client().clientId());
        if (!live.contains(i.familyId())) {
            // A person+client holds a bounded number of refresh tokens; the oldest goes first.
            for (int excess = live.size() - maxRefreshTokensPerClient + 1, n = 0; n < excess; n++) {
                revoker.revokeFamily(live.get(n));
            }
        }
        String token = Secrets.generate(SecretKind.REFRESH_TOKEN);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        refreshTokens.insert(new RefreshTokenRecord(Secrets.hash(token), i.familyId(), i.userId(), i.email(), i.client().clientId(),
                i.client().projectId(), i.scopes(), now, now, false, false, i.nonce(), i.authTime()));
        return token;
    }
}
