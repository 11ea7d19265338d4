package dev.tollgate.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.cache.LocalInvalidationBus;
import dev.tollgate.core.secret.MasterKey;
import dev.tollgate.core.secret.SecretKind;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.core.token.AccessToken;
import dev.tollgate.core.token.AccessTokenSeal;
import dev.tollgate.core.token.RevokedAccessTokens;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.protocol.ApiException;
import dev.tollgate.protocol.Scopes;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BearerAuthenticatorTest {
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    private final InMemoryRepositories repos = new InMemoryRepositories();
    private final LocalInvalidationBus bus = new LocalInvalidationBus();
    private final AccessCheckerTest.MutableClock clock = new AccessCheckerTest.MutableClock(NOW);
    private RevokedAccessTokens revoked;
    private BearerAuthenticator bearer;
    private AccessTokenSeal.Sealed token;

    @BeforeEach
    void aToken() {
        token = serviceAccountToken(repos.seal);
        revoked = new RevokedAccessTokens(repos.revocations, bus, clock, Duration.ofHours(1));
        bearer = new BearerAuthenticator(repos.seal, revoked, clock);
    }

    private static AccessTokenSeal.Sealed serviceAccountToken(AccessTokenSeal seal) {
        return seal.seal(AccessToken.SubjectKind.SERVICE_ACCOUNT, "42", "bot@shop-app.iam", "42", "shop-app", Scopes.of("admin"),
                NOW, NOW.plus(Duration.ofHours(1)), null);
    }

    private static void assertRejected(BearerAuthenticator.Result result, BearerAuthenticator.Reason reason, ApiError error) {
        assertThat(result).isEqualTo(new BearerAuthenticator.Rejected(reason));
        assertThatThrownBy(result::orThrow).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(error));
    }

    @Test
    void aLiveTokenNamesItsPrincipalWithoutReadingStorage() {
        for (int i = 0; i < 5; i++) {
            var result = bearer.authenticate(token.token());
            assertThat(result).isInstanceOfSatisfying(BearerAuthenticator.Authenticated.class, a -> {
                assertThat(a.principal().email()).isEqualTo("bot@shop-app.iam");
                assertThat(a.token().scopes().contains("admin")).isTrue();
                assertThat(a.token()).isEqualTo(token.record());
            });
        }
        assertThat(repos.reads.get()).isZero();
    }

    @Test
    void malformedTokensAreRejectedBeforeDecryption() {
        String t = token.token();
        for (String bad : new String[] {"", "x", t + "x", t.substring(0, t.length() - 1) + (t.endsWith("0") ? "1" : "0"),
                Secrets.generate(SecretKind.API_KEY), Secrets.generate(SecretKind.ACCESS_TOKEN), t.toUpperCase(), t.substring(1),
                t.replace("tga_", "tgr_"), t.substring(0, 30) + "+" + t.substring(31), " " + t, "tga_" + "A".repeat(9000)}) {
            assertRejected(bearer.authenticate(bad), BearerAuthenticator.Reason.MALFORMED, ApiError.ACCESS_TOKEN_INVALID);
        }
    }

    @Test
    void aTokenOfAnotherMasterKeyOrChangedInsideIsUnknown() {
        AccessTokenSeal other = AccessTokenSeal.derivedFrom(MasterKey.generate());
        assertRejected(bearer.authenticate(serviceAccountToken(other).token()), BearerAuthenticator.Reason.UNKNOWN,
                ApiError.ACCESS_TOKEN_INVALID);
        String t = token.token();
        for (int at : new int[] {4, 20, t.length() / 2, t.length() - 8}) {
            var changed = new StringBuilder(t.substring(0, at)).append(t.charAt(at) == 'A' ? 'B' : 'A').append(t, at + 1, t.length() - 6);
            Secrets.appendChecksum(changed);
            assertRejected(bearer.authenticate(changed.toString()), BearerAuthenticator.Reason.UNKNOWN, ApiError.ACCESS_TOKEN_INVALID);
        }
    }

    @Test
    void expiredAndRevokedTokensAreRejectedEachWithItsReason() {
        clock.set(NOW.plus(Duration.ofHours(1)));
        assertRejected(bearer.authenticate(token.token()), BearerAuthenticator.Reason.EXPIRED, ApiError.ACCESS_TOKEN_EXPIRED);
        clock.set(NOW);
        revoked.revokeToken(token.record());
        assertRejected(bearer.authenticate(token.token()), BearerAuthenticator.Reason.UNKNOWN, ApiError.ACCESS_TOKEN_INVALID);
    }

    @Test
    void aTokenAlreadyOpenedIsStillRefusedOnceRevokedOrExpired() {
        assertThat(bearer.authenticate(token.token())).isInstanceOf(BearerAuthenticator.Authenticated.class);
        revoked.revokeSubject("42");
        assertRejected(bearer.authenticate(token.token()), BearerAuthenticator.Reason.UNKNOWN, ApiError.ACCESS_TOKEN_INVALID);

        clock.set(NOW.plusSeconds(1));
        var fresh = repos.seal.seal(AccessToken.SubjectKind.SERVICE_ACCOUNT, "42", "bot@shop-app.iam", "42", "shop-app",
                Scopes.of("admin"), clock.instant(), clock.instant().plus(Duration.ofMinutes(5)), null);
        assertThat(bearer.authenticate(fresh.token())).isInstanceOf(BearerAuthenticator.Authenticated.class);
        clock.set(NOW.plus(Duration.ofMinutes(6)));
        assertRejected(bearer.authenticate(fresh.token()), BearerAuthenticator.Reason.EXPIRED, ApiError.ACCESS_TOKEN_EXPIRED);
    }
}
