package dev.tollgate.core.oauth;

import dev.tollgate.protocol.OAuthException;
import dev.tollgate.protocol.TokenRequest;
import dev.tollgate.protocol.TokenResponse;

/** The token endpoint's decision: one handler per grant. */
public final class TokenService {
    private final ServiceAccountGrant serviceAccounts;
    private final AuthorizationCodeGrant codes;
    private final RefreshTokenGrant refreshTokens;
    private final DeviceFlow devices;

    public TokenService(ServiceAccountGrant serviceAccounts, AuthorizationCodeGrant codes, RefreshTokenGrant refreshTokens, DeviceFlow devices) {
        this.serviceAccounts = serviceAccounts;
        this.codes = codes;
        this.refreshTokens = refreshTokens;
        this.devices = devices;
    }

    public TokenResponse issue(TokenRequest request) throws OAuthException {
        // Java 17 has no pattern switch; the sealed interface keeps this chain exhaustive by review.
        if (request instanceof TokenRequest.AuthorizationCode r) {
            return codes.redeem(r);
        }
        if (request instanceof TokenRequest.RefreshToken r) {
            return refreshTokens.refresh(r);
        }
        if (request instanceof TokenRequest.JwtBearer r) {
            return serviceAccounts.exchange(r);
        }
        if (request instanceof TokenRequest.DeviceCode r) {
            return devices.poll(r);
        }
        if (request instanceof TokenRequest.ClientCredentials r) {
            return serviceAccounts.exchange(r);
        }
        throw new IllegalStateException("Unhandled grant " + request.getClass().getSimpleName());
    }
}
