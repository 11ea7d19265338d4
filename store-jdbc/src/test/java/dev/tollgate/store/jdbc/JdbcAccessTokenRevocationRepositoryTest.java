package dev.tollgate.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.token.AccessTokenRevocation;
import dev.tollgate.core.token.AccessTokenRevocation.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;

class JdbcAccessTokenRevocationRepositoryTest extends RepositoryTest {
    private static final Instant CUTOFF = Instant.parse("2026-12-02T10:00:00.123456Z");
    /** Rules last to a whole millisecond. */
    private static final Instant UNTIL = Instant.parse("2026-12-02T10:01:00.124Z");

    @OnEachDatabase
    void everyKindOfRevocationRoundTripsToTheMicrosecond(TestDatabases.Kind kind) {
        open(kind);
        var repo = new JdbcAccessTokenRevocationRepository(db());
        var written = new ArrayList<AccessTokenRevocation>();
        for (Scope scope : Scope.values()) {
            var r = new AccessTokenRevocation(scope, scope == Scope.SUBJECT_AND_CLIENT
                    ? AccessTokenRevocation.subjectAndClient("108234", "1-app.apps.tollgate") : "value-" + scope + "-ü|%",
                    CUTOFF, UNTIL.plus(Duration.ofHours(1)));
            repo.add(r);
            written.add(r);
        }
        assertThat(repo.live(CUTOFF)).containsExactlyInAnyOrderElementsOf(written);
    }

    @OnEachDatabase
    void theSameRuleTwiceIsKeptAndARuleAtItsEndIsNoLongerLive(TestDatabases.Kind kind) {
        open(kind);
        var repo = new JdbcAccessTokenRevocationRepository(db());
        var r = new AccessTokenRevocation(Scope.CLIENT, "app", CUTOFF, UNTIL);
        repo.add(r);
        repo.add(r);
        assertThat(repo.live(UNTIL.minusMillis(1))).containsExactly(r, r);
        assertThat(repo.live(UNTIL)).isEmpty();
    }

    @OnEachDatabase
    void aRuleOfAKindThisVersionDoesNotKnowIsLeftOut(TestDatabases.Kind kind) {
        open(kind);
        var repo = new JdbcAccessTokenRevocationRepository(db());
        db().jdbi().useHandle(h -> h.execute("INSERT INTO access_token_revocations (match_scope, match_value, cutoff_us, until_ms) VALUES (?, ?, ?, ?)",
                "DEVICE", "d1", 1L, CUTOFF.plusSeconds(60).toEpochMilli()));
        var known = new AccessTokenRevocation(Scope.SOURCE, "family:1", CUTOFF, UNTIL);
        repo.add(known);
        assertThat(repo.live(CUTOFF)).containsExactly(known);
    }
}
