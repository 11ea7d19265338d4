package dev.tollgate.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.cache.Invalidation;
import dev.tollgate.core.cache.LocalInvalidationBus;
import dev.tollgate.core.token.AccessTokenRevocation.Scope;
import dev.tollgate.core.user.MutableClock;
import dev.tollgate.protocol.Scopes;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RevokedAccessTokensTest {
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final Duration LIFETIME = Duration.ofHours(1);

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryRevocations store = new InMemoryRevocations();
    private final LocalInvalidationBus bus = new LocalInvalidationBus();
    private final RevokedAccessTokens revoked = new RevokedAccessTokens(store, bus, clock, LIFETIME);

    private AccessToken token(String id, String subject, String client, String project, String source) {
        return new AccessToken(id, AccessToken.SubjectKind.USER, subject, subject + "@example.com", client, project,
                Scopes.of("calendar"), clock.instant(), clock.instant().plus(LIFETIME), source);
    }

    /** The token each scope is meant to end, and one that differs from it in just the field that scope reads. */
    private void revoke(Scope scope, AccessToken target) {
        Consumer<RevokedAccessTokens> action = switch (scope) {
            case TOKEN -> r -> r.revokeToken(target);
            case SUBJECT -> r -> r.revokeSubject(target.subjectId());
            case CLIENT -> r -> r.revokeClient(target.clientId());
            case PROJECT -> r -> r.revokeProject(target.projectId());
            case SUBJECT_AND_CLIENT -> r -> r.revokeSubjectAndClient(target.subjectId(), target.clientId());
            case SOURCE -> r -> r.revokeSource(target.source());
        };
        action.accept(revoked);
    }

    private AccessToken neighbour(Scope scope) {
        return switch (scope) {
            case TOKEN -> token("t2", "alice", "app", "shop", "family:1");
            case SUBJECT -> token("t2", "bob", "app", "shop", "family:1");
            case CLIENT -> token("t2", "alice", "other-app", "shop", "family:1");
            case PROJECT -> token("t2", "alice", "app", "other-shop", "family:1");
            case SUBJECT_AND_CLIENT -> token("t2", "bob", "app", "shop", "family:1");
            case SOURCE -> token("t2", "alice", "app", "shop", "family:2");
        };
    }

    @ParameterizedTest
    @EnumSource(Scope.class)
    void eachRevocationEndsTheTokensItNamesAndNoOthers(Scope scope) {
        AccessToken target = token("t1", "alice", "app", "shop", "family:1");
        AccessToken other = neighbour(scope);
        revoke(scope, target);
        assertThat(revoked.isRevoked(target)).isTrue();
        assertThat(revoked.isRevoked(other)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Scope.class)
    void tokensMintedAfterTheRevocationAreUntouched(Scope scope) {
        AccessToken before = token("t1", "alice", "app", "shop", "family:1");
        revoke(scope, before);
        clock.advance(Duration.ofNanos(1_000));
        AccessToken after = token(scope == Scope.TOKEN ? "t3" : "t1", "alice", "app", "shop", "family:1");
        assertThat(revoked.isRevoked(before)).isTrue();
        assertThat(revoked.isRevoked(after)).isFalse();
    }

    @Test
    void aPersonsGrantRemovedLeavesTheSamePersonsOtherAppsAndOtherPeopleAlone() {
        revoked.revokeSubjectAndClient("alice", "app");
        assertThat(revoked.isRevoked(token("1", "alice", "app", "shop", null))).isTrue();
        assertThat(revoked.isRevoked(token("2", "alice", "other", "shop", null))).isFalse();
        assertThat(revoked.isRevoked(token("3", "bob", "app", "shop", null))).isFalse();
        assertThat(revoked.isRevoked(token("4", "alice app", "", "shop", null))).isFalse();
    }

    @Test
    void everyRevocationIsWrittenDownAndLastsAsLongAsTheTokensItCanMatch() {
        AccessToken t = token("t1", "alice", "app", "shop", "family:1");
        revoked.revokeToken(t);
        revoked.revokeSubject("alice");
        assertThat(store.rows).containsExactly(
                new AccessTokenRevocation(Scope.TOKEN, "t1", NOW, NOW.plus(LIFETIME)),
                new AccessTokenRevocation(Scope.SUBJECT, "alice", NOW, NOW.plus(LIFETIME)));
    }

    @Test
    void anotherNodeHearsTheRevocationOnTheBus() {
        var otherNode = new RevokedAccessTokens(new InMemoryRevocations(), bus, clock, LIFETIME);
        AccessToken t = token("t1", "alice", "app", "shop", "family:1");
        assertThat(otherNode.isRevoked(t)).isFalse();
        revoked.revokeSource("family:1");
        assertThat(otherNode.isRevoked(t)).isTrue();
    }

    @Test
    void aNodeStartedLaterReadsTheLiveListAndNotTheExpiredPart() {
        revoked.revokeSubject("alice");
        clock.advance(Duration.ofMinutes(30));
        revoked.revokeSubject("bob");
        clock.advance(Duration.ofMinutes(31));
        var later = new RevokedAccessTokens(store, new LocalInvalidationBus(), clock, LIFETIME);
        var bobsOldToken = new AccessToken("b", AccessToken.SubjectKind.USER, "bob", "bob@example.com", "app", "shop",
                Scopes.of("calendar"), NOW.plus(Duration.ofMinutes(30)), NOW.plus(Duration.ofMinutes(90)), null);
        assertThat(later.isRevoked(bobsOldToken)).isTrue();
        assertThat(store.live(clock.instant())).extracting(AccessTokenRevocation::value).containsExactly("bob");
    }

    @Test
    void aNodeThatMayHaveMissedMessagesReadsTheListAgain() {
        var ownBus = new LocalInvalidationBus();
        var cutOff = new RevokedAccessTokens(store, ownBus, clock, LIFETIME);
        revoked.revokeClient("app");
        AccessToken t = token("t1", "alice", "app", "shop", null);
        assertThat(cutOff.isRevoked(t)).isFalse();
        ownBus.publish(new Invalidation.AllKeys());
        assertThat(cutOff.isRevoked(t)).isTrue();
    }

    @Test
    void aKindOfRevocationThisVersionDoesNotKnowMakesItReadTheList() {
        var ownBus = new LocalInvalidationBus();
        var node = new RevokedAccessTokens(store, ownBus, clock, LIFETIME);
        revoked.revokeSubject("alice");
        ownBus.publish(new Invalidation.AccessTokensRevoked("DEVICE", "d1", 0, NOW.plus(LIFETIME).toEpochMilli()));
        assertThat(node.isRevoked(token("t1", "alice", "app", "shop", null))).isTrue();
    }
}
