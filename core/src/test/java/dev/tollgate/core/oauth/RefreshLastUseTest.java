package dev.tollgate.core.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.secret.Secrets;
import dev.tollgate.protocol.ClientAuth;
import dev.tollgate.protocol.FormBody;
import dev.tollgate.protocol.TokenRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A confidential client keeps its refresh token, and each refresh records its last use — at most
 * once an hour (or a hundredth of the idle limit), so that refreshing is not a database write each time.
 */
class RefreshLastUseTest {
    private static final String REDIRECT = "https://app.example/cb";
    private final InMemoryOAuth oauth = new InMemoryOAuth();
    private final OAuthClient web = new OAuthClient("2-web.apps.tollgate", InMemoryOAuth.PROJECT, ClientType.WEB, "Web",
            List.of(REDIRECT), List.of(), Instant.EPOCH);
    private final ClientAuth webAuth = new ClientAuth.SecretBasic(web.clientId(), "web-secret");
    private String refreshToken;

    @BeforeEach
    void webClientWithARefreshToken() throws Exception {
        oauth.clientRepository.insert(web);
        oauth.clientRepository.insertSecret(new ClientSecret("s1", web.clientId(), Secrets.hash("web-secret"), Instant.EPOCH));
        var params = new LinkedHashMap<String, List<String>>();
        params.put("client_id", List.of(web.clientId()));
        params.put("redirect_uri", List.of(REDIRECT));
        params.put("response_type", List.of("code"));
        params.put("scope", List.of("calendar"));
        params.put("access_type", List.of("offline"));
        var outcome = oauth.authorize(new FormBody(params), Optional.of(InMemoryOAuth.ALICE), Optional.of(true));
        String location = ((AuthorizationService.Outcome.Redirect) outcome).location();
        String code = location.replaceAll(".*[?&]code=([^&]+).*", "$1");
        refreshToken = oauth.codeGrant.redeem(new TokenRequest.AuthorizationCode(webAuth, code, REDIRECT, Optional.empty()))
                .refreshToken();
        assertThat(refreshToken).isNotNull();
    }

    @Test
    void refreshSoonAfterTheLastRecordedUseWritesNothing() throws Exception {
        Instant recorded = lastUse();
        oauth.clock.advance(Duration.ofMinutes(59));
        refresh();
        assertThat(lastUse()).isEqualTo(recorded);
        assertThat(grantLastUse()).isNotEqualTo(Optional.of(oauth.clock.instant()));
    }

    @Test
    void refreshAnHourAfterTheLastRecordedUseRecordsItOnTokenAndGrant() throws Exception {
        oauth.clock.advance(Duration.ofMinutes(61));
        refresh();
        assertThat(lastUse()).isEqualTo(oauth.clock.instant());
        assertThat(grantLastUse()).contains(oauth.clock.instant());
    }

    @Test
    void aTokenKeptInUseNeverGoesIdle() throws Exception {
        for (int day = 0; day < 400; day += 30) {
            oauth.clock.advance(Duration.ofDays(30));
            assertThat(refresh()).isNotNull();
        }
        assertThat(lastUse()).isAfter(oauth.clock.instant().minus(Duration.ofHours(1)));
    }

    private Object refresh() throws Exception {
        return oauth.refreshGrant.refresh(new TokenRequest.RefreshToken(webAuth, refreshToken, Optional.empty()));
    }

    private Instant lastUse() {
        return oauth.refreshRows.get(Secrets.hash(refreshToken)).lastUsedTime();
    }

    private Optional<Instant> grantLastUse() {
        return oauth.grantRows.get(InMemoryOAuth.ALICE.userId() + " " + web.clientId()).lastUsedTime();
    }
}
