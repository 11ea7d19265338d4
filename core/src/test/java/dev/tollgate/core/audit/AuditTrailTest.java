package dev.tollgate.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.principal.Principal;
import dev.tollgate.core.secret.MasterKey;
import dev.tollgate.core.secret.SecretKind;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.core.token.AccessToken;
import dev.tollgate.core.token.AccessTokenSeal;
import dev.tollgate.core.user.MutableClock;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.protocol.ApiException;
import dev.tollgate.protocol.Scopes;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuditTrailTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Principal OWNER = new Principal.Person("u-owner", "owner@example.com");
    private static final Principal STRANGER = new Principal.Person("u-stranger", "stranger@example.com");
    private static final Principal ADMIN = new Principal.ServiceAccount("admin@tollgate.iam", "100", "tollgate");

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryAuditLog log = new InMemoryAuditLog();
    /** proj-one was created at T0 + 1 min and is owned by OWNER. */
    private final Map<String, Instant> created = Map.of("proj-one", T0.plus(Duration.ofMinutes(1)), "proj-two", T0);
    private final AuditAccess access = new AuditAccess() {
        @Override
        public Instant requireOwner(Principal caller, String projectId) {
            if (caller.equals(ADMIN) || (caller.equals(OWNER) && created.containsKey(projectId))) {
                return created.get(projectId);
            }
            throw ApiError.PERMISSION_DENIED.exception();
        }

        @Override
        public void requirePlatformAdmin(Principal caller) {
            if (!caller.equals(ADMIN)) {
                throw ApiError.PERMISSION_DENIED.exception();
            }
        }
    };
    private final AuditTrail trail = new AuditTrail(log, access, clock);

    private void change(String project, String method) {
        trail.record(AuditActor.of(OWNER), method, Optional.ofNullable(project), "projects/" + project, "203.0.113.7", AuditOutcome.ok(200));
    }

    private static List<String> methods(AuditPage page) {
        return page.entries().stream().map(r -> r.entry().method()).toList();
    }

    @Test
    void recordStampsTheClockAndKeepsWhoWhatWhichWhereAndHow() {
        clock.advance(Duration.ofMillis(1234));
        trail.record(AuditActor.of(ADMIN), "projects.keys.create", Optional.of("proj-one"), "projects/proj-one/keys/k1", "2001:db8::1",
                new AuditOutcome(403, "PERMISSION_DENIED", Optional.of("IAM_PERMISSION_DENIED")));

        AuditEntry e = log.all().get(0).entry();
        assertThat(e.time()).isEqualTo(T0.plusMillis(1234));
        assertThat(e.actor()).isEqualTo(new AuditActor.ServiceAccount("100", "admin@tollgate.iam"));
        assertThat(e.actor().kind()).isEqualTo("serviceAccount");
        assertThat(e.method()).isEqualTo("projects.keys.create");
        assertThat(e.projectId()).contains("proj-one");
        assertThat(e.resource()).isEqualTo("projects/proj-one/keys/k1");
        assertThat(e.address()).isEqualTo("2001:db8::1");
        assertThat(e.outcome().succeeded()).isFalse();
        assertThat(e.outcome().reason()).contains("IAM_PERMISSION_DENIED");
    }

    @Test
    void actorKindsArePersonServiceAccountAndAnonymous() {
        assertThat(AuditActor.of(OWNER).kind()).isEqualTo("person");
        assertThat(AuditActor.of(ADMIN).kind()).isEqualTo("serviceAccount");
        assertThat(AuditActor.ANONYMOUS.kind()).isEqualTo("anonymous");
        for (AuditActor a : List.of(AuditActor.of(OWNER), AuditActor.of(ADMIN), AuditActor.ANONYMOUS)) {
            assertThat(AuditActor.of(a.kind(), a.actorId().orElse(null), a.actorEmail().orElse(null))).isEqualTo(a);
        }
    }

    @Test
    void aLogThatCannotBeWrittenDoesNotFailTheChange() {
        log.failWith(new IllegalStateException("database is down"));
        assertThatCode(() -> change("proj-one", "projects.delete")).doesNotThrowAnyException();
    }

    @Test
    void secretsInAnyFieldAreRedactedValidOrNot() {
        String key = Secrets.generate(SecretKind.API_KEY);
        String token = Secrets.generate(SecretKind.ACCESS_TOKEN);
        String typo = Secrets.generate(SecretKind.CLIENT_SECRET).substring(0, 30) + "x";
        String sealed = sealedTokenWithDashAndUnderscore();
        trail.record(new AuditActor.Person(token, "a@example.com"), "m " + key + " " + sealed, Optional.of("proj-one"),
                "projects/proj-one/keys/" + key + ":disable/" + typo, "addr " + token, AuditOutcome.refused(400, sealed));

        String stored = log.all().get(0).toString();
        int half = sealed.length() / 2;
        for (String secret : List.of(key, token, typo, key.substring(0, 20), token.substring(4, 30), sealed.substring(half),
                sealed.substring(sealed.indexOf('-')), sealed.substring(sealed.indexOf('_', 4)))) {
            assertThat(stored).doesNotContain(secret);
        }
        assertThat(log.all().get(0).entry().resource()).isEqualTo("projects/proj-one/keys/[redacted]:disable/[redacted]");
    }

    /** An access token as the token endpoint gives it: base64url, so '-' and '_' inside. */
    private static String sealedTokenWithDashAndUnderscore() {
        var seal = AccessTokenSeal.derivedFrom(MasterKey.generate());
        while (true) {
            String t = seal.seal(AccessToken.SubjectKind.USER, "108234", "a@example.com", "app", "proj-one", Scopes.of("calendar"),
                    Instant.EPOCH, Instant.EPOCH.plusSeconds(3600), null).token();
            if (t.indexOf('-') > 0 && t.indexOf('_', 4) > 0) {
                return t;
            }
        }
    }

    @Test
    void overlongAndControlCharacterFieldsAreBoundedAndPrintable() {
        trail.record(AuditActor.ANONYMOUS, "x".repeat(5000), Optional.of("P-NOT-AN-ID"), "line\nbreak" + "r".repeat(5000),
                "a\u0000b", AuditOutcome.refused(400));
        AuditEntry e = log.all().get(0).entry();
        assertThat(e.method()).hasSize(AuditEntry.MAX_METHOD);
        assertThat(e.resource()).hasSize(AuditEntry.MAX_RESOURCE).startsWith("line?break");
        assertThat(e.address()).isEqualTo("a?b");
        assertThat(e.projectId()).as("an invalid project id belongs to no project").isEmpty();
    }

    @Test
    void ownersReadTheirProjectFromItsCreationOnAndNoOtherProject() {
        change("proj-one", "before-creation");
        clock.advance(Duration.ofMinutes(1));
        change("proj-one", "projects.create");
        change("proj-two", "projects.keys.create");
        change(null, "accounts.signIn");
        change("proj-one", "projects.keys.create");

        assertThat(methods(trail.projectLog(OWNER, "proj-one", AuditRange.all()))).containsExactly("projects.create", "projects.keys.create");
        assertThatThrownBy(() -> trail.projectLog(STRANGER, "proj-one", AuditRange.all())).isInstanceOf(ApiException.class)
                .extracting(e -> ((ApiException) e).error()).isEqualTo(ApiError.PERMISSION_DENIED);
    }

    @Test
    void platformAdministratorsReadEverythingOrOneProjectAndNobodyElseDoes() {
        change("proj-one", "a");
        change(null, "b");
        change("proj-two", "c");
        assertThat(methods(trail.platformLog(ADMIN, Optional.empty(), AuditRange.all()))).containsExactly("a", "b", "c");
        assertThat(methods(trail.platformLog(ADMIN, Optional.of("proj-two"), AuditRange.all()))).containsExactly("c");
        assertThatThrownBy(() -> trail.platformLog(OWNER, Optional.empty(), AuditRange.all())).isInstanceOf(ApiException.class);
    }

    @Test
    void pagesFollowEachOtherWithoutGapsOrRepeatsAndTheLastHasNoToken() {
        for (int i = 0; i < 7; i++) {
            change("proj-two", "m" + i);
            if (i % 2 == 0) {
                clock.advance(Duration.ofMillis(1));
            }
        }
        List<String> seen = new ArrayList<>();
        Optional<String> token = Optional.empty();
        int pages = 0;
        do {
            AuditPage page = trail.platformLog(ADMIN, Optional.empty(), new AuditRange(Optional.empty(), Optional.empty(), 3, token));
            seen.addAll(methods(page));
            token = page.nextPageToken();
            pages++;
        } while (token.isPresent());
        assertThat(seen).containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void anExactlyFullLastPageHasNoToken() {
        for (int i = 0; i < 4; i++) {
            change("proj-two", "m" + i);
        }
        AuditPage page = trail.platformLog(ADMIN, Optional.empty(), new AuditRange(Optional.empty(), Optional.empty(), 4, Optional.empty()));
        assertThat(page.entries()).hasSize(4);
        assertThat(page.nextPageToken()).isEmpty();
    }

    @Test
    void startIsInEndIsOut() {
        change("proj-two", "at-t0");
        clock.advance(Duration.ofSeconds(10));
        change("proj-two", "at-t10");
        var range = new AuditRange(Optional.of(T0), Optional.of(T0.plusSeconds(10)), 0, Optional.empty());
        assertThat(methods(trail.platformLog(ADMIN, Optional.empty(), range))).containsExactly("at-t0");
    }

    @Test
    void pageSizeDefaultsToAHundredIsCappedAtAThousandAndMayNotBeNegative() {
        assertThat(new AuditRange(Optional.empty(), Optional.empty(), 0, Optional.empty()).pageSize()).isEqualTo(100);
        assertThat(new AuditRange(Optional.empty(), Optional.empty(), 5000, Optional.empty()).pageSize()).isEqualTo(1000);
        assertThat(new AuditRange(Optional.empty(), Optional.empty(), 1000, Optional.empty()).pageSize()).isEqualTo(1000);
        assertInvalid(() -> new AuditRange(Optional.empty(), Optional.empty(), -1, Optional.empty()));
    }

    @Test
    void endBeforeStartAndTimesOutsideYearsZeroToNineThousandNineHundredNinetyNineAreInvalid() {
        assertInvalid(() -> new AuditRange(Optional.of(T0), Optional.of(T0.minusMillis(1)), 0, Optional.empty()));
        assertInvalid(() -> new AuditRange(Optional.of(Instant.parse("+10000-01-01T00:00:00Z")), Optional.empty(), 0, Optional.empty()));
        assertInvalid(() -> new AuditRange(Optional.empty(), Optional.of(Instant.MAX), 0, Optional.empty()));
        assertInvalid(() -> new AuditRange(Optional.of(Instant.MIN), Optional.empty(), 0, Optional.empty()));
    }

    @Test
    void tamperedForeignAndGarbagePageTokensAreInvalidArguments() {
        clock.advance(Duration.ofMinutes(5));
        for (int i = 0; i < 3; i++) {
            change("proj-one", "m" + i);
            change("proj-two", "n" + i);
        }
        var first = new AuditRange(Optional.empty(), Optional.empty(), 1, Optional.empty());
        String ownToken = trail.projectLog(OWNER, "proj-one", first).nextPageToken().orElseThrow();
        String adminToken = trail.platformLog(ADMIN, Optional.empty(), first).nextPageToken().orElseThrow();

        assertThat(trail.projectLog(OWNER, "proj-one", withToken(ownToken)).entries()).isNotEmpty();
        for (String bad : List.of("", "x", "!!!!", "a".repeat(5000), ownToken + "A", ownToken.substring(1), adminToken,
                java.util.Base64.getUrlEncoder().encodeToString("a1:1:1:0".getBytes()),
                java.util.Base64.getUrlEncoder().encodeToString("a1:x:y:z".getBytes()))) {
            assertInvalid(() -> trail.projectLog(OWNER, "proj-one", withToken(bad)));
        }
        assertInvalid(() -> trail.projectLog(OWNER, "proj-two", withToken(ownToken)));
        assertInvalid(() -> trail.projectLog(OWNER, "proj-one",
                new AuditRange(Optional.of(T0), Optional.empty(), 1, Optional.of(ownToken))));
    }

    @Test
    void anonymousCallersCannotFillTheLogButPeopleAndServiceAccountsAreNeverHeldBack() {
        var limited = new AuditTrail(log, access, clock, new AnonymousEntryLimit(3, 5, clock));
        for (int i = 0; i < 10; i++) {
            limited.record(AuditActor.ANONYMOUS, "accounts.signIn", Optional.empty(), "users", "198.51.100.1", AuditOutcome.refused(403));
        }
        assertThat(log.all()).as("three from one address").hasSize(3);
        for (int i = 0; i < 10; i++) {
            limited.record(AuditActor.ANONYMOUS, "accounts.signIn", Optional.empty(), "users", "198.51.100." + (10 + i), AuditOutcome.refused(403));
        }
        assertThat(log.all()).as("five in all").hasSize(5);
        for (int i = 0; i < 10; i++) {
            limited.record(AuditActor.of(OWNER), "accounts.signIn", Optional.empty(), "users/owner@example.com", "198.51.100.1", AuditOutcome.ok(303));
        }
        assertThat(log.all()).hasSize(15);
        clock.advance(Duration.ofMinutes(1));
        limited.record(AuditActor.ANONYMOUS, "accounts.signIn", Optional.empty(), "users", "198.51.100.1", AuditOutcome.refused(403));
        assertThat(log.all()).as("a new minute").hasSize(16);
    }

    @Test
    void theLogOffersNoWayToChangeOrRemoveAnEntry() {
        Set<String> methods = Set.copyOf(Arrays.stream(AuditLog.class.getMethods()).map(Method::getName).toList());
        assertThat(methods).containsExactlyInAnyOrder("append", "read");
    }

    private static AuditRange withToken(String token) {
        return new AuditRange(Optional.empty(), Optional.empty(), 1, Optional.of(token));
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(ApiException.class)
                .extracting(e -> ((ApiException) e).error()).isEqualTo(ApiError.INVALID_ARGUMENT);
    }
}
