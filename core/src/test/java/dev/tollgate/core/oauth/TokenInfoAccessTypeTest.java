package dev.tollgate.core.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.protocol.ClientAuth;
import dev.tollgate.protocol.OAuthError;
import dev.tollgate.protocol.OAuthException;
import dev.tollgate.protocol.TokenRequest;
import dev.tollgate.protocol.TokenResponse;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** tokeninfo's {@code access_type}: whether the grant behind a token holds a refresh token, read once per grant. */
class TokenInfoAccessTypeTest {
    private final InMemoryOAuth oauth = new InMemoryOAuth();

    private TokenResponse tokens(String accessType) throws OAuthException {
        var code = oauth.consent("calendar", accessType);
        return oauth.codeGrant.redeem(new TokenRequest.AuthorizationCode(oauth.appAuth(), code.code(), InMemoryOAuth.REDIRECT,
                Optional.of(code.verifier())));
    }

    @Test
    void anOfflineGrantsTokenIsOfflineAndTheRefreshTokensAreAskedOnce() throws OAuthException {
        String access = tokens("offline").accessToken();
        for (int i = 0; i < 5; i++) {
            assertThat(oauth.inspection.accessTokenInfo(access).accessType()).isEqualTo("offline");
        }
        assertThat(oauth.familyReads).isEqualTo(1);
    }

    @Test
    void anOnlineGrantsTokenStaysOnline() throws OAuthException {
        TokenResponse online = tokens("online");
        assertThat(online.refreshToken()).isNull();
        assertThat(oauth.inspection.accessTokenInfo(online.accessToken()).accessType()).isEqualTo("online");
        assertThat(oauth.inspection.accessTokenInfo(online.accessToken()).accessType()).isEqualTo("online");
    }

    @Test
    void aRevokedOfflineGrantsTokenIsInvalidThoughItsFamilyWasKnown() throws OAuthException {
        TokenResponse offline = tokens("offline");
        assertThat(oauth.inspection.accessTokenInfo(offline.accessToken()).accessType()).isEqualTo("offline");

        oauth.inspection.revoke(new ClientAuth.Absent(), offline.refreshToken());

        assertThatThrownBy(() -> oauth.inspection.accessTokenInfo(offline.accessToken()))
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.error()).isEqualTo(OAuthError.INVALID_TOKEN));
    }
}
