package dev.tollgate.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.oauth.AuthorizationCodeRecord;
import dev.tollgate.core.oauth.ClientType;
import dev.tollgate.core.oauth.Grant;
import dev.tollgate.core.oauth.OAuthClient;
import dev.tollgate.core.user.User;
import dev.tollgate.protocol.Scopes;
import dev.tollgate.store.jdbc.TestDatabases.Kind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

class JdbcGrantGenerationRepositoryTest extends RepositoryTest {

    private JdbcGrantGenerationRepository generations() {
        return new JdbcGrantGenerationRepository(db());
    }

    @OnEachDatabase
    void aGrantNeverRemovedIsGenerationZeroAndEachRemovalAdvancesIt(Kind kind) {
        open(kind);
        var g = generations();
        assertThat(g.current("u1", "c1")).isZero();
        g.advance("u1", "c1");
        assertThat(g.current("u1", "c1")).isEqualTo(1);
        g.advance("u1", "c1");
        assertThat(g.current("u1", "c1")).isEqualTo(2);
        assertThat(g.current("u1", "c2")).isZero();
        assertThat(g.current("u2", "c1")).isZero();
    }

    @OnEachDatabase
    void artefactsRememberTheGenerationTheyWereIssuedUnder(Kind kind) {
        open(kind);
        var g = generations();
        String family = "family:" + "f".repeat(64);
        assertThat(g.boundTo(family)).isEqualTo(OptionalLong.empty());
        g.bind(family, 3);
        assertThat(g.boundTo(family)).isEqualTo(OptionalLong.of(3));
        g.bind(family, 4);
        assertThat(g.boundTo(family)).isEqualTo(OptionalLong.of(4));
        assertThat(g.boundTo("code:" + "f".repeat(64))).isEqualTo(OptionalLong.empty());
    }

    @OnEachDatabase
    void generationsOutliveTheUserAndClientTheyCount(Kind kind) {
        open(kind);
        var g = generations();
        g.advance("no-such-user", "no-such-client.apps.tollgate");
        assertThat(g.current("no-such-user", "no-such-client.apps.tollgate")).isEqualTo(1);
    }

    @OnEachDatabase
    void thePurgeDropsTheGenerationsOfCodesAndDevicesThatAreGoneAndKeepsTheRest(Kind kind) {
        open(kind);
        var g = generations();
        String live = "a".repeat(64);
        new JdbcAuthorizationCodeRepository(db()).insert(new AuthorizationCodeRecord(live, "c1", "u1", "u1@example.com", "https://a.example/cb",
                Optional.empty(), Scopes.of("posts"), Optional.empty(), Instant.parse("2026-12-01T00:00:00Z"), false,
                Instant.parse("2026-12-01T00:10:00Z")));
        g.bind("code:" + live, 1);
        g.bind("code:" + "b".repeat(64), 1);
        g.bind("device:" + "c".repeat(64), 1);
        g.bind("family:" + "d".repeat(64), 1);
        new JdbcExpiredRecords(db()).purgeExpiredBefore(Instant.parse("2026-12-01T00:05:00Z"));
        assertThat(g.boundTo("code:" + live)).isEqualTo(OptionalLong.of(1));
        assertThat(g.boundTo("code:" + "b".repeat(64))).isEmpty();
        assertThat(g.boundTo("device:" + "c".repeat(64))).isEmpty();
        assertThat(g.boundTo("family:" + "d".repeat(64))).isEqualTo(OptionalLong.of(1));
    }

    @OnEachDatabase
    void anArtefactIsLiveOnlyWhileItsGrantExistsInTheGenerationItWasIssuedUnder(Kind kind) {
        open(kind);
        var g = generations();
        Instant now = Instant.parse("2026-12-01T00:00:00Z");
        projects().insert(Samples.project("p1"), Samples.ALICE);
        users().insert(new User("0123456789abcdef0123456789abcdef", "alice@example.com", "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo", now));
        var clients = new JdbcOAuthClientRepository(db());
        clients.insert(new OAuthClient("c1.apps.tollgate", "p1", ClientType.WEB, "One", List.of("https://a.example/cb"), List.of(), now));
        clients.insert(new OAuthClient("c2.apps.tollgate", "p1", ClientType.WEB, "Two", List.of("https://a.example/cb"), List.of(), now));
        String user = "0123456789abcdef0123456789abcdef";
        String unbound = "family:" + "a".repeat(64);
        String bound = "family:" + "b".repeat(64);
        var grants = new JdbcGrantRepository(db());

        assertThat(g.isLive(unbound, user, "c1.apps.tollgate")).as("no grant").isFalse();
        grants.put(new Grant(user, "c1.apps.tollgate", Scopes.of("posts"), now, Optional.empty()));
        assertThat(g.isLive(unbound, user, "c1.apps.tollgate")).as("an artefact bound to none is generation 0").isTrue();
        assertThat(g.isLive(unbound, user, "c2.apps.tollgate")).as("another client's grant").isFalse();
        assertThat(g.isLive(unbound, "fedcba9876543210fedcba9876543210", "c1.apps.tollgate")).as("another person's grant").isFalse();

        g.advance(user, "c1.apps.tollgate");
        assertThat(g.isLive(unbound, user, "c1.apps.tollgate")).as("issued before the removal").isFalse();
        g.bind(bound, g.current(user, "c1.apps.tollgate"));
        assertThat(g.isLive(bound, user, "c1.apps.tollgate")).as("issued under the current generation").isTrue();

        grants.delete(user, "c1.apps.tollgate");
        assertThat(g.isLive(bound, user, "c1.apps.tollgate")).as("the grant removed").isFalse();
        grants.put(new Grant(user, "c1.apps.tollgate", Scopes.of("posts"), now, Optional.empty()));
        g.advance(user, "c1.apps.tollgate");
        assertThat(g.isLive(bound, user, "c1.apps.tollgate")).as("consented anew after a removal").isFalse();
    }
}
