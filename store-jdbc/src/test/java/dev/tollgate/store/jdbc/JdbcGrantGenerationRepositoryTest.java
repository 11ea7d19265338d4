package dev.tollgate.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.store.jdbc.TestDatabases.Kind;
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
}
