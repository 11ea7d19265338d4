package dev.tollgate.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.cache.Invalidation;
import dev.tollgate.core.cache.LocalInvalidationBus;
import dev.tollgate.core.secret.SecretKind;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.core.token.AccessToken;
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
    private BearerAuthenticator bearer;
    private String tokenString;

    @BeforeEach
    void aToken() {
        tokenString = Secrets.generate(SecretKind.ACCESS_TOKEN);
        repos.tokenRepository.insert(new AccessToken(Secrets.hash(tokenString), AccessToken.SubjectKind.SERVICE_ACCOUNT, "42",
                "bot@shop-app.iam", "42", "shop-app", Scopes.of("admin"), NOW, NOW.plus(Duration.ofHours(1)), false));
        bearer = new BearerAuthenticator(new CredentialCache(repos.keys, repos.tokenRepository, repos.projectRepository, bus), clock);
    }

    private static void assertRejected(BearerAuthenticator.Result result, BearerAuthenticator.Reason reason, ApiError error) {
        assertThat(result).isEqualTo(new BearerAuthenticator.Rejected(reason));
        assertThatThrownBy(result::orThrow).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(error));
    }

    @Test
    void aLiveTokenNamesItsPrincipalAndIsReadFromTheDatabaseOnce() {
        for (int i = 0; i < 5; i++) {
            var result = bearer.authenticate(tokenString);
            assertThat(result).isInstanceOfSatisfying(BearerAuthenticator.Authenticated.class, a -> {
                assertThat(a.principal().email()).isEqualTo("bot@shop-app.iam");
                assertThat(a.token().scopes().contains("admin")).isTrue();
            });
        }
        assertThat(repos.reads.get()).isEqualTo(1);
    }

    @Test
    void malformedTokensAreRejectedWithoutALookup() {
        for (String bad : new String[] {"", "x", tokenString + "x", tokenString.substring(0, tokenString.length() - 1) + (tokenString.endsWith("0") ? "1" : "0"),
                Secrets.generate(SecretKind.API_KEY), tokenString.toUpperCase()}) {
            assertRejected(bearer.authenticate(bad), BearerAuthenticator.Reason.MALFORMED, ApiError.ACCESS_TOKEN_INVALID);
        }
        assertThat(repos.reads.get()).isZero();
    }

    @Test
    void unknownRevokedAndExpiredTokensAreRejectedEachWithItsReason() {
        assertRejected(bearer.authenticate(Secrets.generate(SecretKind.ACCESS_TOKEN)), BearerAuthenticator.Reason.UNKNOWN,
                ApiError.ACCESS_TOKEN_INVALID);
        clock.set(NOW.plus(Duration.ofHours(1)));
        assertRejected(bearer.authenticate(tokenString), BearerAuthenticator.Reason.EXPIRED, ApiError.ACCESS_TOKEN_EXPIRED);
        clock.set(NOW);
        repos.tokenRepository.revoke(Secrets.hash(tokenString));
        bus.publish(new Invalidation.AccessToken(Secrets.hash(tokenString)));
        assertRejected(bearer.authenticate(tokenString), BearerAuthenticator.Reason.UNKNOWN, ApiError.ACCESS_TOKEN_INVALID);
    }
}
