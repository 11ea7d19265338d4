package dev.tollgate.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.oauth.AuthorizationCodeRecord;
import dev.tollgate.core.project.Member;
import dev.tollgate.core.project.Project;
import dev.tollgate.core.token.AccessToken;
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
        new JdbcProjectRepository(db).insert(new Project("purge-proj", "111122223333", "P", NOW), Member.user("a@b.c"));
        var tokens = new JdbcAccessTokenRepository(db);
        tokens.insert(token("old", NOW.minus(Duration.ofDays(2))));
        tokens.insert(token("live", NOW.plus(Duration.ofHours(1))));
        var codes = new JdbcAuthorizationCodeRepository(db);
        codes.insert(code("oldcode", NOW.minus(Duration.ofMinutes(1))));
        codes.insert(code("livecode", NOW.plus(Duration.ofMinutes(5))));

        int removed = new JdbcExpiredRecords(db).purgeExpiredBefore(NOW);

        assertThat(removed).isEqualTo(2);
        assertThat(tokens.findByHash("old")).isEmpty();
        assertThat(tokens.findByHash("live")).isPresent();
        assertThat(codes.redeem("oldcode")).isEmpty();
        assertThat(codes.redeem("livecode")).isPresent();
    }

    private static AccessToken token(String hash, Instant expiry) {
        return new AccessToken(hash, AccessToken.SubjectKind.USER, "u1", "a@b.c", "client", "purge-proj", Scopes.of("posts"),
                expiry.minus(Duration.ofHours(1)), expiry, false);
    }

    private static AuthorizationCodeRecord code(String hash, Instant expiry) {
        return new AuthorizationCodeRecord(hash, "client", "u1", "a@b.c", "https://app/cb", Optional.empty(), Scopes.of("posts"),
                Optional.empty(), NOW, false, expiry);
    }
}
