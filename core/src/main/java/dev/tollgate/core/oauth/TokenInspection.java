package dev.tollgate.core.oauth;

import dev.tollgate.core.access.BearerAuthenticator;
import com.github.benmanes.caffeine.cache.Cache;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.tollgate.core.cache.Caches;
import dev.tollgate.core.secret.SecretKind;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.core.token.AccessToken;
import dev.tollgate.core.token.AccessTokenSeal;
import dev.tollgate.core.token.KnownScopes;
import dev.tollgate.protocol.ClientAuth;
import dev.tollgate.protocol.OAuthError;
import dev.tollgate.protocol.OAuthException;
import dev.tollgate.protocol.TokenInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Revocation (RFC 7009), Google's tokeninfo, introspection (RFC 7662) and OIDC userinfo. */
public final class TokenInspection {
    private final BearerAuthenticator live;
    private final RefreshTokenRepository refreshTokens;
    private final TokenRevoker revoker;
    private final ClientAuthenticator clients;
    private final IdTokens idTokens;
    private final Clock clock;
    /**
     * Families known to hold a refresh token, so tokeninfo's {@code access_type} reads no database once
     * known. Only "offline" is kept: a refresh token once written stays proof that its grant was offline
     * (a family's access tokens are revoked before its rows can go), while "online" is read each time.
     */
    private final Cache<String, Boolean> offlineFamilies = Caches.upkeptByCallers()
            .maximumSize(100_000).expireAfterAccess(Duration.ofHours(2)).build();

    /** @param live how the gateway reads a token: tokeninfo, introspection and userinfo agree with it */
    public TokenInspection(BearerAuthenticator live, RefreshTokenRepository refreshTokens,
                           TokenRevoker revoker, ClientAuthenticator clients, IdTokens idTokens, Clock clock) {
        this.live = live;
        this.refreshTokens = refreshTokens;
        this.revoker = revoker;
        this.clients = clients;
        this.idTokens = idTokens;
        this.clock = clock;
    }

    /**
     * Revokes an access or refresh token and what belongs with it. Like Google, no client
     * authentication is needed: holding the token is proof enough to end it. A client that does
     * authenticate can only revoke its own tokens. Unknown tokens are not an error (RFC 7009 §2.2).
     * A person's token takes the whole grant with it, as on the permissions page. A token already
     * revoked or expired is treated as unknown: what was behind it ended with it, or (once expired) is
     * the refresh token's to end, and a repeated call must neither write another revocation nor end
     * a grant the person has given again since.
     */
    public void revoke(ClientAuth auth, String token) throws OAuthException {
        Optional<OAuthClient> caller = auth instanceof ClientAuth.Absent ? Optional.empty() : Optional.of(clients.authenticate(auth));
        if (AccessTokenSeal.isWellFormed(token)) {
            Optional<AccessToken> found = live(token)
                    .filter(t -> caller.isEmpty() || caller.get().clientId().equals(t.clientId()));
            if (found.isPresent()) {
                revoker.revokeAccessToken(found.get());
                // Google revokes the refresh token behind an access token too.
                familyOf(found.get()).ifPresent(revoker::revokeFamily);
                if (found.get().subjectKind() == AccessToken.SubjectKind.USER) {
                    // Like Google, revoking a person's token removes the application's access altogether.
                    revoker.removeGrant(found.get().subjectId(), found.get().clientId());
                }
            }
        } else if (Secrets.isWellFormed(SecretKind.REFRESH_TOKEN, token)) {
            Optional<RefreshTokenRecord> found = refreshTokens.find(Secrets.hash(token))
                    .filter(t -> !t.revoked() && (caller.isEmpty() || caller.get().clientId().equals(t.clientId())));
            if (found.isPresent()) {
                revoker.revokeFamily(found.get().familyId());
                revoker.removeGrant(found.get().userId(), found.get().clientId());
            }
        }
    }

    /** Google's {@code /tokeninfo} for an access token. */
    public TokenInfo accessTokenInfo(String token) throws OAuthException {
        AccessToken t = live(token).orElseThrow(() -> OAuthError.INVALID_TOKEN.exception("Invalid Value"));
        boolean showEmail = t.scopes().contains(KnownScopes.EMAIL) || t.subjectKind() == AccessToken.SubjectKind.SERVICE_ACCOUNT;
        return new TokenInfo(t.clientId(), t.clientId(), t.subjectId(), t.scopes().toString(),
                Long.toString(t.expireTime().getEpochSecond()),
                Long.toString(Math.max(0, Duration.between(clock.instant(), t.expireTime()).toSeconds())),
                showEmail ? t.email() : null,
                showEmail ? Boolean.toString(t.subjectKind() == AccessToken.SubjectKind.SERVICE_ACCOUNT
                        || idTokens.emailVerified(t.subjectId(), t.email())) : null,
                familyOf(t).filter(this::isOffline).isPresent() ? "offline" : "online");
    }

    /** Google's {@code /tokeninfo} for an ID token: its verified claims. */
    public Map<String, Object> idTokenInfo(String idToken) throws OAuthException {
        JWTClaimsSet claims = idTokens.verify(idToken).orElseThrow(() -> OAuthError.INVALID_TOKEN.exception("Invalid Value"));
        var info = new LinkedHashMap<String, Object>();
        for (var e : claims.toJSONObject().entrySet()) {
            Object v = e.getValue();
            info.put(e.getKey(), v instanceof Number || v instanceof Boolean ? v.toString() : v);
        }
        return info;
    }

    /** RFC 7662: only an authenticated client, and only about its own tokens; anything else is inactive. */
    public Map<String, Object> introspect(ClientAuth auth, String token) throws OAuthException {
        OAuthClient caller = clients.authenticateConfidential(auth);
        Optional<AccessToken> access = live(token).filter(t -> t.clientId().equals(caller.clientId()));
        if (access.isPresent()) {
            AccessToken t = access.get();
            var out = new LinkedHashMap<String, Object>();
            out.put("active", true);
            out.put("scope", t.scopes().toString());
            out.put("client_id", t.clientId());
            out.put("username", t.email());
            out.put("token_type", "Bearer");
            out.put("exp", t.expireTime().getEpochSecond());
            out.put("iat", t.issueTime().getEpochSecond());
            out.put("sub", t.subjectId());
            out.put("aud", t.clientId());
            return out;
        }
        if (Secrets.isWellFormed(SecretKind.REFRESH_TOKEN, token)) {
            Optional<RefreshTokenRecord> refresh = refreshTokens.find(Secrets.hash(token))
                    .filter(r -> !r.revoked() && !r.rotated() && r.clientId().equals(caller.clientId()));
            if (refresh.isPresent()) {
                var out = new LinkedHashMap<String, Object>();
                out.put("active", true);
                out.put("scope", refresh.get().scopes().toString());
                out.put("client_id", refresh.get().clientId());
                out.put("username", refresh.get().email());
                out.put("token_type", "refresh_token");
                out.put("iat", refresh.get().createTime().getEpochSecond());
                out.put("sub", refresh.get().userId());
                return out;
            }
        }
        return Map.of("active", false);
    }

    /** OIDC userinfo for a live token with the openid scope; empty means 401. */
    public Optional<Map<String, Object>> userInfo(String token) {
        return live(token).filter(t -> t.scopes().contains(KnownScopes.OPENID)).map(t -> {
            var out = new LinkedHashMap<String, Object>();
            out.put("sub", t.subjectId());
            if (t.scopes().contains(KnownScopes.EMAIL)) {
                out.put("email", t.email());
                out.put("email_verified", idTokens.emailVerified(t.subjectId(), t.email()));
            }
            return out;
        });
    }

    /** A live access token, read like the gateway reads one. */
    private Optional<AccessToken> live(String token) {
        return live.authenticate(token) instanceof BearerAuthenticator.Authenticated authenticated
                ? Optional.of(authenticated.token()) : Optional.empty();
    }

    private boolean isOffline(String familyId) {
        if (offlineFamilies.getIfPresent(familyId) != null) {
            return true;
        }
        boolean offline = refreshTokens.hasFamily(familyId);
        if (offline) {
            offlineFamilies.put(familyId, Boolean.TRUE);
        }
        return offline;
    }

    private static Optional<String> familyOf(AccessToken t) {
        if (t.source() == null) {
            return Optional.empty();
        }
        int colon = t.source().indexOf(':');
        return colon < 0 ? Optional.empty() : Optional.of(t.source().substring(colon + 1));
    }
}
