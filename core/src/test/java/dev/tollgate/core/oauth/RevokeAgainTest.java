package dev.tollgate.core.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.protocol.ClientAuth;
import dev.tollgate.protocol.OAuthException;
import dev.tollgate.protocol.TokenRequest;
import dev.tollgate.protocol.TokenResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code /revoke} with a token that was already revoked (or has expired) is answered like an unknown
 * token: it writes no further revocation, and it does not end the grant the person has given again since.
 */
class RevokeAgainTest {
    private final InMemoryOAuth oauth = new InMemoryOAuth();
    private final String alice = InMemoryOAuth.ALICE.userId();

    private TokenResponse tokens() throws OAuthException {
        var code = oauth.consent("calendar", "offline");
        return oauth.codeGrant.redeem(new TokenRequest.AuthorizationCode(oauth.appAuth(), code.code(), InMemoryOAuth.REDIRECT,
                Optional.of(code.verifier())));
    }

    @Test
    void anAccessTokenRevokedAgainAfterConsentingAgainLeavesTheNewGrantAndWritesNothing() throws OAuthException {
        TokenResponse first = tokens();
        oauth.inspection.revoke(new ClientAuth.Absent(), first.accessToken());
        int rules = oauth.revocationRows.rows.size();
        assertThat(rules).isEqualTo(3);

        oauth.clock.advance(Duration.ofSeconds(1));
        TokenResponse second = tokens();
        oauth.inspection.revoke(new ClientAuth.Absent(), first.accessToken());
        oauth.inspection.revoke(new ClientAuth.Absent(), first.refreshToken());

        assertThat(oauth.revocationRows.rows).hasSize(rules);
        assertThat(oauth.grants.find(alice, oauth.app.clientId())).isPresent();
        assertThat(oauth.inspection.accessTokenInfo(second.accessToken()).accessType()).isEqualTo("offline");
    }

    @Test
    void anExpiredAccessTokenRevokesNothing() throws OAuthException {
        TokenResponse tokens = tokens();
        oauth.clock.advance(Duration.ofHours(1));
        oauth.inspection.revoke(new ClientAuth.Absent(), tokens.accessToken());
        assertThat(oauth.revocationRows.rows).isEmpty();
        assertThat(oauth.grants.find(alice, oauth.app.clientId())).isPresent();
    }

    @Test
    void aReplayedCodeOrARevokedFamilyIsWrittenOnce() throws OAuthException {
        TokenResponse tokens = tokens();
        for (int i = 0; i < 5; i++) {
            oauth.revoker.revokeFamily("f-1");
            oauth.revoker.revokeIssuedFromCode("code-1");
            oauth.revoker.revokeClient("gone-client");
        }
        assertThat(oauth.revocationRows.rows).extracting(r -> r.scope() + " " + r.value())
                .containsExactly("SOURCE family:f-1", "SOURCE code:code-1", "SOURCE family:code-1", "CLIENT gone-client");
        assertThat(oauth.inspection.accessTokenInfo(tokens.accessToken()).accessType()).isEqualTo("offline");
    }
}
