package dev.tollgate.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.cache.Invalidation;
import dev.tollgate.core.cache.LocalInvalidationBus;
import dev.tollgate.core.catalog.ApiCatalog;
import dev.tollgate.core.catalog.CatalogLoader;
import dev.tollgate.core.catalog.MethodMatch;
import dev.tollgate.core.key.ApiKey;
import dev.tollgate.core.key.CallOrigin;
import dev.tollgate.core.key.KeyRestrictions;
import dev.tollgate.core.project.Project;
import dev.tollgate.core.secret.SecretKind;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.core.token.AccessToken;
import dev.tollgate.core.token.AccessTokenSeal;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.protocol.ApiException;
import dev.tollgate.protocol.Scopes;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccessCheckerTest {
    private static final ApiCatalog CATALOG = CatalogLoader.builtIn();
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    private final InMemoryRepositories repos = new InMemoryRepositories();
    private final LocalInvalidationBus bus = new LocalInvalidationBus();
    private final MutableClock clock = new MutableClock(NOW);
    private AccessChecker checker;
    private String keyString;
    private AccessTokenSeal.Sealed token;
    private String tokenString;

    @BeforeEach
    void projectWithKeyAndToken() {
        repos.projects.put("shop-app", new Project("shop-app", "123456789012", "Shop", NOW));
        repos.enabled.put("shop-app", new java.util.HashSet<>(List.of("posts", "calendar")));
        keyString = Secrets.generate(SecretKind.API_KEY);
        repos.keys.insert(new ApiKey("k1", "shop-app", "web", KeyRestrictions.NONE, NOW, Secrets.hash(keyString)));
        token = repos.seal.seal(AccessToken.SubjectKind.SERVICE_ACCOUNT, "42", "bot@shop-app.iam", "42", "shop-app",
                Scopes.of("calendar.readonly"), NOW, NOW.plus(Duration.ofHours(1)), null);
        tokenString = token.token();
        checker = new AccessChecker(new CredentialCache(repos.keys, repos.projectRepository, bus), repos.bearer(bus, clock));
    }

    private static MethodMatch method(String api, String version, String verb, String path) {
        return CATALOG.match(api, version, verb, path).orElseThrow();
    }

    private CallAttempt withKey(String key) {
        return new CallAttempt(method("posts", "v1", "GET", "/posts/abc"), Optional.of(key), Optional.empty(), origin());
    }

    private CallAttempt withToken(String token, String verb) {
        return new CallAttempt(method("calendar", "v3", verb, "/calendars/primary/events"), Optional.empty(), Optional.of(token), origin());
    }

    private static CallOrigin origin() {
        return new CallOrigin(InetAddress.getLoopbackAddress(), null, null, null, null);
    }

    private static void assertRefused(Runnable call, ApiError error) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(error));
    }

    @Test
    void keyCallIsChargedToTheKeysProject() {
        Caller caller = checker.decide(withKey(keyString)).orThrow();
        assertThat(caller.access()).isEqualTo(Caller.AccessType.SIMPLE);
        assertThat(caller.projectId()).isEqualTo("shop-app");
        assertThat(caller.keyId()).contains("k1");
    }

    @Test
    void repeatedCallsWithTheSameKeyReadNoStorage() {
        checker.decide(withKey(keyString)).orThrow();
        int readsAfterFirstCall = repos.reads.get();
        for (int i = 0; i < 1000; i++) {
            checker.decide(withKey(keyString)).orThrow();
        }
        assertThat(repos.reads.get()).isEqualTo(readsAfterFirstCall);
    }

    @Test
    void malformedKeyIsRefusedWithoutReadingStorage() {
        assertRefused(() -> checker.decide(withKey("tgk_notevenclose")).orThrow(), ApiError.API_KEY_INVALID);
        assertThat(repos.reads.get()).isZero();
    }

    @Test
    void unknownWellFormedKeyIsLookedUpOnceThenRememberedAsUnknown() {
        String stranger = Secrets.generate(SecretKind.API_KEY);
        assertRefused(() -> checker.decide(withKey(stranger)).orThrow(), ApiError.API_KEY_INVALID);
        int reads = repos.reads.get();
        assertRefused(() -> checker.decide(withKey(stranger)).orThrow(), ApiError.API_KEY_INVALID);
        assertThat(repos.reads.get()).isEqualTo(reads);
    }

    @Test
    void deletedKeyIsRefusedOnceTheInvalidationArrives() {
        checker.decide(withKey(keyString)).orThrow();
        repos.keys.delete("shop-app", "k1");
        bus.publish(new Invalidation.ApiKey(Secrets.hash(keyString)));
        assertRefused(() -> checker.decide(withKey(keyString)).orThrow(), ApiError.API_KEY_INVALID);
    }

    @Test
    void disabledServiceIsRefusedOnceTheInvalidationArrives() {
        checker.decide(withKey(keyString)).orThrow();
        repos.projectRepository.setServiceEnabled("shop-app", "posts", false);
        bus.publish(new Invalidation.Project("shop-app"));
        assertThatThrownBy(() -> checker.decide(withKey(keyString)).orThrow()).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.error()).isEqualTo(ApiError.SERVICE_DISABLED);
            assertThat(e.metadata()).containsEntry("service", "posts").containsEntry("consumer", "projects/123456789012");
        });
    }

    @Test
    void afterAllKeysIsAnnouncedProjectStateIsReadAgain() {
        checker.decide(withKey(keyString)).orThrow();
        repos.projectRepository.setServiceEnabled("shop-app", "posts", false);
        bus.publish(new Invalidation.AllKeys());
        assertRefused(() -> checker.decide(withKey(keyString)).orThrow(), ApiError.SERVICE_DISABLED);
    }

    @Test
    void tokenWithOneOfTheMethodsScopesIsAuthorized() {
        Caller caller = checker.decide(withToken(tokenString, "GET")).orThrow();
        assertThat(caller.access()).isEqualTo(Caller.AccessType.AUTHORIZED);
        assertThat(caller.userEmail()).contains("bot@shop-app.iam");
    }

    @Test
    void tokenWithoutTheMethodsScopeIsInsufficient() {
        assertRefused(() -> checker.decide(withToken(tokenString, "POST")).orThrow(), ApiError.ACCESS_TOKEN_SCOPE_INSUFFICIENT);
    }

    @Test
    void tokenAtItsExpiryInstantIsExpired() {
        clock.set(NOW.plus(Duration.ofHours(1)).minusMillis(1));
        checker.decide(withToken(tokenString, "GET")).orThrow();
        clock.set(NOW.plus(Duration.ofHours(1)));
        assertRefused(() -> checker.decide(withToken(tokenString, "GET")).orThrow(), ApiError.ACCESS_TOKEN_EXPIRED);
    }

    @Test
    void revokedTokenIsRefusedOnceAnotherNodesRevocationArrives() {
        checker.decide(withToken(tokenString, "GET")).orThrow();
        bus.publish(new Invalidation.AccessTokensRevoked("TOKEN", token.record().tokenId(),
                ChronoUnit.MICROS.between(Instant.EPOCH, NOW), NOW.plus(Duration.ofHours(1)).toEpochMilli()));
        assertRefused(() -> checker.decide(withToken(tokenString, "GET")).orThrow(), ApiError.ACCESS_TOKEN_INVALID);
    }

    @Test
    void keyOnAuthorizedMethodIsMissingCredentials() {
        var call = new CallAttempt(method("calendar", "v3", "GET", "/calendars/primary/events"), Optional.of(keyString), Optional.empty(), origin());
        assertRefused(() -> checker.decide(call).orThrow(), ApiError.CREDENTIALS_MISSING_AUTHORIZED);
    }

    @Test
    void noCredentialsOnEitherMethodIsMissingCredentialsForSimpleAccess() {
        var call = new CallAttempt(method("posts", "v1", "GET", "/posts/x"), Optional.empty(), Optional.empty(), origin());
        assertRefused(() -> checker.decide(call).orThrow(), ApiError.CREDENTIALS_MISSING_SIMPLE);
    }

    @Test
    void everyRefusalNamesTheService() {
        assertThatThrownBy(() -> checker.decide(withKey("bad")).orThrow()).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.metadata()).containsEntry("service", "posts"));
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) { this.now = now; }

        void set(Instant instant) { now = instant; }

        @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }

        @Override public Clock withZone(java.time.ZoneId zone) { return this; }

        @Override public Instant instant() { return now; }
    }

    @Test
    void refusalBeforeAnyProjectIsKnownIsChargedToNobody() {
        assertThat(checker.decide(withKey(Secrets.generate(SecretKind.API_KEY))))
                .isInstanceOfSatisfying(AccessDecision.Refused.class, r -> assertThat(r.chargedTo()).isEmpty());
        assertThat(checker.decide(withKey("tgk_notevenclose")))
                .isInstanceOfSatisfying(AccessDecision.Refused.class, r -> assertThat(r.chargedTo()).isEmpty());
    }

    @Test
    void refusalAfterTheKeyNamedItsProjectIsChargedToThatProject() {
        String restricted = Secrets.generate(SecretKind.API_KEY);
        repos.keys.insert(new ApiKey("k2", "shop-app", "ip-bound", new KeyRestrictions(null, List.of("192.0.2.0/24"), null, null, null),
                NOW, Secrets.hash(restricted)));
        assertThat(checker.decide(withKey(restricted))).isInstanceOfSatisfying(AccessDecision.Refused.class, r -> {
            assertThat(r.reason().error()).isEqualTo(ApiError.API_KEY_IP_ADDRESS_BLOCKED);
            assertThat(r.chargedTo()).hasValueSatisfying(c -> {
                assertThat(c.projectId()).isEqualTo("shop-app");
                assertThat(c.credential()).isEqualTo(new Credential.ApiKey("k2"));
            });
        });
    }

    @Test
    void disabledApiAndMissingScopeAreChargedToTheCredentialsProject() {
        repos.projectRepository.setServiceEnabled("shop-app", "posts", false);
        bus.publish(new Invalidation.Project("shop-app"));
        assertThat(checker.decide(withKey(keyString))).isInstanceOfSatisfying(AccessDecision.Refused.class,
                r -> assertThat(r.chargedTo()).map(Caller::projectId).contains("shop-app"));
        assertThat(checker.decide(withToken(tokenString, "POST"))).isInstanceOfSatisfying(AccessDecision.Refused.class, r -> {
            assertThat(r.reason().error()).isEqualTo(ApiError.ACCESS_TOKEN_SCOPE_INSUFFICIENT);
            assertThat(r.chargedTo()).map(Caller::credential).get().isInstanceOf(Credential.ServiceAccountToken.class);
        });
    }
}
