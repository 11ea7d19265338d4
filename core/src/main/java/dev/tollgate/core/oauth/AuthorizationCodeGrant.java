package dev.tollgate.core.oauth;

import dev.tollgate.core.secret.SecretKind;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.protocol.OAuthError;
import dev.tollgate.protocol.OAuthException;
import dev.tollgate.protocol.Pkce;
import dev.tollgate.protocol.TokenRequest;
import dev.tollgate.protocol.TokenResponse;
import java.time.Clock;

/** RFC 6749 §4.1.3: a code, once, by the client it was issued to, with the same redirect URI and the PKCE verifier. */
public final class AuthorizationCodeGrant {
    private final ClientAuthenticator clients;
    private final AuthorizationCodeRepository codes;
    private final GrantRepository grants;
    private final GrantGenerations generations;
    private final TokenRevoker revoker;
    private final PersonTokens tokens;
    private final Clock clock;

    public AuthorizationCodeGrant(ClientAuthenticator clients, AuthorizationCodeRepository codes, GrantRepository grants,
                                  GrantGenerations generations, TokenRevoker revoker, PersonTokens tokens, Clock clock) {
        this.clients = clients;
        this.codes = codes;
        this.grants = grants;
        this.generations = generations;
        this.revoker = revoker;
        this.tokens = tokens;
        this.clock = clock;
    }

    public TokenResponse redeem(TokenRequest.AuthorizationCode request) throws OAuthException {
        OAuthClient client = clients.authenticate(request.client());
        if (!Secrets.isWellFormed(SecretKind.AUTHORIZATION_CODE, request.code())) {
            throw OAuthError.INVALID_GRANT.exception("Malformed authorization code.");
        }
        String hash = Secrets.hash(request.code());
        AuthorizationCodeRepository.Redemption redemption = codes.redeem(hash)
                .orElseThrow(() -> OAuthError.INVALID_GRANT.exception("Invalid authorization code."));
        AuthorizationCodeRecord code = redemption.code();
        if (!redemption.firstUse()) {
            // RFC 6749 §4.1.2: a code used twice was stolen; what it yielded is revoked.
            revoker.revokeIssuedFromCode(hash);
            throw OAuthError.INVALID_GRANT.exception("The authorization code was already redeemed.");
        }
        if (!code.clientId().equals(client.clientId())) {
            throw OAuthError.INVALID_GRANT.exception("The authorization code was issued to another client.");
        }
        if (!clock.instant().isBefore(code.expireTime())) {
            throw OAuthError.INVALID_GRANT.exception("The authorization code has expired.");
        }
        if (!code.redirectUri().equals(request.redirectUri())) {
            throw OAuthError.INVALID_GRANT.exception("redirect_uri does not match the authorization request.");
        }
        if (code.codeChallenge().isPresent()) {
            String verifier = request.codeVerifier()
                    .orElseThrow(() -> OAuthError.INVALID_GRANT.exception("Missing code_verifier."));
            if (!Pkce.matches(verifier, code.codeChallenge().get())) {
                throw OAuthError.INVALID_GRANT.exception("code_verifier does not match the code_challenge.");
            }
        } else if (request.codeVerifier().isPresent()) {
            // RFC 9700 §2.1.1: a verifier without a challenge means someone injected a code.
            throw OAuthError.INVALID_GRANT.exception("code_verifier sent, but the authorization request had no code_challenge.");
        }
        // A code issued before the person removed the app must not bring the app back.
        generations.requireLive(GrantGenerations.code(hash), code.userId(), client.clientId());
        generations.inherit(GrantGenerations.code(hash), GrantGenerations.family(hash));
        grants.touch(code.userId(), client.clientId(), clock.instant());
        TokenResponse issued = tokens.issue(new PersonTokens.Issuance(code.userId(), code.email(), client, code.scopes(), code.nonce(),
                code.authTime(), hash, code.offline(), TokenRevoker.codeSource(hash)));
        if (!generations.isLive(GrantGenerations.family(hash), code.userId(), client.clientId())) {
            // The grant was removed while the tokens were minted: they end with it.
            revoker.revokeIssuedFromCode(hash);
            throw GrantGenerations.removed();
        }
        return issued;
    }
}
