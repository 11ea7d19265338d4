package dev.tollgate.store.jdbc;

import dev.tollgate.core.store.ExpiredRecords;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/**
 * Deletes what can no longer be used. A revocation stays until every access token it can match has
 * expired; used codes stay until they expire so that a replay is still recognised.
 */
public final class JdbcExpiredRecords implements ExpiredRecords {
    private static final String[] STATEMENTS = {
        "DELETE FROM authorization_codes WHERE expire_time_ms < ?",
        "DELETE FROM device_authorizations WHERE expire_time_ms < ?",
        "DELETE FROM access_token_revocations WHERE until_ms < ?",
        "DELETE FROM sessions WHERE expire_time_ms < ?",
        "DELETE FROM email_tokens WHERE expire_time_ms < ?",
    };
    /** The generation a code or device request was issued under is kept as long as the code or request is. */
    private static final String[] ORPHANS = {
        "DELETE FROM grant_artifact_generations WHERE artifact_id LIKE 'code:%'"
                + " AND NOT EXISTS (SELECT 1 FROM authorization_codes c WHERE c.code_hash = SUBSTRING(artifact_id, 6))",
        "DELETE FROM grant_artifact_generations WHERE artifact_id LIKE 'device:%'"
                + " AND NOT EXISTS (SELECT 1 FROM device_authorizations d WHERE d.device_code_hash = SUBSTRING(artifact_id, 8))",
    };

    private final Jdbi jdbi;

    public JdbcExpiredRecords(Database db) {
        this.jdbi = db.jdbi();
    }

    @Override
    public int purgeExpiredBefore(Instant moment) {
        int removed = 0;
        for (String sql : STATEMENTS) {
            removed += jdbi.withHandle(h -> h.createUpdate(sql).bind(0, moment.toEpochMilli()).execute());
        }
        for (String sql : ORPHANS) {
            removed += jdbi.withHandle(h -> h.createUpdate(sql).execute());
        }
        return removed;
    }
}
