package dev.tollgate.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.oauth.AuthorizationCodeRecord;
import dev.tollgate.core.token.AccessTokenRevocation;
import dev.tollgate.protocol.Scopes;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

class JdbcExpiredRecordsTest extends RepositoryTest {
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    @OnEachDatabase
    void purgeRemovesOnlyWhatExpiredBeforeTheMoment(TestDatabases.Kind kind) {
        open(kind);
        Database db = db();
        var revocations = new JdbcAccessTokenRevocationRepository(db);
        revocations.add(revocation("old", NOW.minus(Duration.ofDays(2))));
        revocations.add(revocation("live", NOW.plus(Duration.ofHours(1))));
        var codes = new JdbcAuthorizationCodeRepository(db);
        codes.insert(code("oldcode", NOW.minus(Duration.ofMinutes(1))));
        codes.insert(code("livecode", NOW.plus(Duration.ofMinutes(5))));

        int removed = new JdbcExpiredRecords(db).purgeExpiredBefore(NOW);

        assertThat(removed).isEqualTo(2);
        assertThat(revocations.live(NOW.minus(Duration.ofDays(3)))).extracting(AccessTokenRevocation::value).containsExactly("live");
        assertThat(codes.redeem("oldcode")).isEmpty();
        assertThat(codes.redeem("livecode")).isPresent();
    }

    private static AccessTokenRevocation revocation(String subject, Instant until) {
        return new AccessTokenRevocation(AccessTokenRevocation.Scope.SUBJECT, subject, until.minus(Duration.ofHours(1)), until);
    }

    private static AuthorizationCodeRecord code(String hash, Instant expiry) {
        return new AuthorizationCodeRecord(hash, "client", "u1", "a@b.c", "https://app/cb", Optional.empty(), Scopes.of("posts"),
                Optional.empty(), NOW, false, expiry);
    }
}
