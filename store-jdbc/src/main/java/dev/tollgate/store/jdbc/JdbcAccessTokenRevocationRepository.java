package dev.tollgate.store.jdbc;

import dev.tollgate.core.token.AccessTokenRevocation;
import dev.tollgate.core.token.AccessTokenRevocationRepository;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The revocation list in {@code access_token_revocations}; expired rules go with the other expired records. */
public final class JdbcAccessTokenRevocationRepository implements AccessTokenRevocationRepository {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcAccessTokenRevocationRepository.class);

    private final Jdbi jdbi;

    public JdbcAccessTokenRevocationRepository(Database db) {
        this.jdbi = db.jdbi();
    }

    @Override
    public void add(AccessTokenRevocation r) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO access_token_revocations (match_scope, match_value, cutoff_us, until_ms) VALUES (?, ?, ?, ?)")
                .bind(0, r.scope().name()).bind(1, r.value()).bind(2, ChronoUnit.MICROS.between(Instant.EPOCH, r.cutoff()))
                .bind(3, r.until().toEpochMilli()).execute());
    }

    @Override
    public List<AccessTokenRevocation> live(Instant now) {
        var rows = jdbi.withHandle(h -> h.createQuery("SELECT match_scope, match_value, cutoff_us, until_ms FROM access_token_revocations WHERE until_ms > ?")
                .bind(0, now.toEpochMilli())
                .map((rs, ctx) -> new Row(rs.getString("match_scope"), rs.getString("match_value"), rs.getLong("cutoff_us"), rs.getLong("until_ms")))
                .list());
        var out = new ArrayList<AccessTokenRevocation>(rows.size());
        for (Row row : rows) {
            AccessTokenRevocation.Scope scope;
            try {
                scope = AccessTokenRevocation.Scope.valueOf(row.scope());
            } catch (IllegalArgumentException e) {
                // Written by a newer version sharing the database; this one cannot apply it.
                LOG.warn("An access-token revocation of a kind this version does not know ({}) is ignored", row.scope());
                continue;
            }
            out.add(new AccessTokenRevocation(scope, row.value(), Instant.EPOCH.plus(row.cutoffMicros(), ChronoUnit.MICROS),
                    Instant.ofEpochMilli(row.untilMillis())));
        }
        return out;
    }

    private record Row(String scope, String value, long cutoffMicros, long untilMillis) {}
}
