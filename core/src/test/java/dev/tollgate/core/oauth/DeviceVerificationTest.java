package dev.tollgate.core.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.catalog.CatalogLoader;
import dev.tollgate.core.project.ProjectRepository;
import dev.tollgate.core.throttle.ActionThrottle;
import dev.tollgate.core.throttle.Throttled;
import dev.tollgate.core.throttle.ThrottledAction;
import dev.tollgate.core.user.MutableClock;
import dev.tollgate.protocol.Scopes;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The device page's domain: the code check, the consent view, the decision, and their throttles. */
class DeviceVerificationTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final MutableClock clock = new MutableClock(NOW);
    private final Map<String, DeviceAuthorization> pending = new ConcurrentHashMap<>();
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final Person alice = new Person("111", "alice@example.com", NOW);
    private final InetAddress home = InetAddress.getLoopbackAddress();
    private final DeviceVerification verification;

    @SuppressWarnings("unchecked")
    private static <T> T fake(Class<T> type, Map<String, Function<Object[], Object>> methods) {
        return (T) Proxy.newProxyInstance(DeviceVerificationTest.class.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            Function<Object[], Object> m = methods.get(method.getName());
            if (m == null) {
                throw new UnsupportedOperationException(method.getName());
            }
            return m.apply(args);
        });
    }

    DeviceVerificationTest() {
        var devices = fake(DeviceAuthorizationRepository.class, Map.of(
                "findByUserCode", args -> Optional.ofNullable(pending.get((String) args[0])),
                "decide", args -> {
                    DeviceAuthorization d = pending.get((String) args[0]);
                    if (d == null || d.status() != DeviceAuthorization.Status.PENDING) {
                        return false;
                    }
                    pending.put(d.userCode(), new DeviceAuthorization(d.deviceCodeHash(), d.userCode(), d.clientId(), d.scopes(),
                            d.expireTime(), d.intervalSeconds(), (DeviceAuthorization.Status) args[1], Optional.of((Person) args[2]),
                            d.lastPollTime()));
                    return true;
                }));
        var grantRepository = fake(GrantRepository.class, Map.of(
                "find", args -> Optional.ofNullable(grants.get(args[0] + "/" + args[1])),
                "put", args -> {
                    Grant g = (Grant) args[0];
                    grants.put(g.userId() + "/" + g.clientId(), g);
                    return null;
                }));
        var clients = fake(OAuthClientRepository.class, Map.of("find", args -> Optional.of(
                new OAuthClient((String) args[0], "tv-project", ClientType.INSTALLED, "TV", List.of(), List.of(), NOW))));
        var projects = fake(ProjectRepository.class, Map.of("find", args -> Optional.empty()));
        var generations = new GrantGenerations(fake(GrantGenerationRepository.class, Map.of(
                "current", args -> 0L,
                "bind", args -> null)));
        var flow = new DeviceFlow(null, devices, grantRepository, generations, null, null, null, null, clock);
        verification = new DeviceVerification(flow, clients, null, projects, new ScopeDescriptions(CatalogLoader.builtIn()),
                ActionThrottle.inMemory(clock));
    }

    private void devicePending(String userCode) {
        pending.put(userCode, new DeviceAuthorization("hash-" + userCode, userCode, "tv-client", Scopes.of("calendar.readonly"),
                clock.instant().plus(Duration.ofMinutes(30)), 5, DeviceAuthorization.Status.PENDING, Optional.empty(), Optional.empty()));
    }

    @Test
    void aPendingCodeInAnySpellingShowsWhatTheDeviceAsksFor() {
        devicePending("BCDF-GHJK");
        for (String typed : List.of("BCDF-GHJK", "bcdfghjk", " bcdf ghjk ", "BcDf-gHjK")) {
            var check = verification.check(typed, alice, home);
            assertThat(check).as(typed).isInstanceOfSatisfying(DeviceVerification.Consent.class, c -> {
                assertThat(c.userCode()).isEqualTo("BCDF-GHJK");
                assertThat(c.email()).isEqualTo("alice@example.com");
                assertThat(c.scopes()).containsExactly(new ScopeDescriptions(CatalogLoader.builtIn()).describe("calendar.readonly"));
            });
        }
    }

    @Test
    void wrongExpiredAndMalformedCodesAreRefusedAndCountAsGuesses() {
        devicePending("BCDF-GHJK");
        clock.advance(Duration.ofMinutes(31));
        devicePending("LMNP-QRST");
        var wrong = List.of("BCDF-GHJK", "AAAA-AAAA", "", "LMNP-QRS", "<script>", "LMNP-QRSTX");
        for (String typed : wrong) {
            assertThat(verification.check(typed, alice, home)).as(typed).isInstanceOfSatisfying(DeviceVerification.Refused.class,
                    r -> assertThat(r.retryAfter()).isEmpty());
        }
        for (int i = wrong.size(); i < ThrottledAction.DEVICE_CODE_GUESS.perSubject(); i++) {
            verification.check("ZZZZ-ZZZZ", alice, home);
        }
        assertThat(verification.check("LMNP-QRST", alice, home)).as("even the right code, once the person guessed too often")
                .isInstanceOfSatisfying(DeviceVerification.Refused.class, r -> {
                    assertThat(r.message()).isEqualTo("Too many wrong codes. Wait a few minutes, then try again.");
                    assertThat(r.retryAfter()).isPresent();
                });
        assertThat(verification.check("LMNP-QRST", new Person("222", "bob@example.com", NOW), home))
                .as("another person").isInstanceOf(DeviceVerification.Consent.class);
    }

    @Test
    void rightCodesDoNotCountAsGuesses() {
        devicePending("BCDF-GHJK");
        for (int i = 0; i < 2 * ThrottledAction.DEVICE_CODE_GUESS.perSubject(); i++) {
            assertThat(verification.check("BCDF-GHJK", alice, home)).isInstanceOf(DeviceVerification.Consent.class);
        }
    }

    @Test
    void anApprovalIsRememberedAsAGrantAndADecisionOnAnUnknownCodeIsAGuess() {
        devicePending("BCDF-GHJK");
        var decision = verification.decide("bcdf-ghjk", alice, true, home);
        assertThat(decision.decided()).isTrue();
        assertThat(decision.allowed()).isTrue();
        assertThat(grants.get("111/tv-client").scopes().values()).containsExactly("calendar.readonly");
        assertThat(verification.decide("bcdf-ghjk", alice, true, home).decided()).as("decided once").isFalse();

        for (int i = 1; i < ThrottledAction.DEVICE_CODE_GUESS.perSubject(); i++) {
            assertThat(verification.decide("ZZZZ-ZZZ" + "BCDFGHJKLMNP".charAt(i), alice, true, home).decided()).isFalse();
        }
        devicePending("LMNP-QRST");
        assertThatThrownBy(() -> verification.decide("LMNP-QRST", alice, true, home)).isInstanceOf(Throttled.class);
        assertThat(verification.check("LMNP-QRST", alice, home)).isInstanceOf(DeviceVerification.Refused.class);
    }
}
