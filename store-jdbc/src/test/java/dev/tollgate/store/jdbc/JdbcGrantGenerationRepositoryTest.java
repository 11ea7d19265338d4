package dev.tollgate.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.oauth.AuthorizationCodeRecord;
import dev.tollgate.protocol.Scopes;
import dev.tollgate.store.jdbc.TestDatabases.Kind;
import java.time.Instant;
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
}
