package dev.tollgate.store.jdbc;

import dev.tollgate.core.oauth.RefreshTokenRecord;
import dev.tollgate.core.oauth.RefreshTokenRepository;
import dev.tollgate.protocol.Scopes;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

public final class JdbcRefreshTokenRepository implements RefreshTokenRepository {
    private final Jdbi jdbi;

    public JdbcRefreshTokenRepository(Database db) {
        this.jdbi = db.jdbi();
    }

    @Override
    public void insert(RefreshTokenRecord t) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO refresh_tokens (token_hash, family_id, user_id, email, client_id, project_id, scopes,"
                        + " create_time_ms, last_used_time_ms, revoked, rotated, nonce, auth_time_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .bind(0, t.tokenHash()).bind(1, t.familyId()).bind(2, t.userId()).bind(3, t.email()).bind(4, t.clientId())
                .bind(5, t.projectId()).bind(6, t.scopes().toString()).bind(7, t.createTime().toEpochMilli())
                .bind(8, t.lastUsedTime().toEpochMilli()).bind(9, t.revoked()).bind(10, t.rotated()).bind(11, t.nonce().orElse(null))
                .bind(12, t.authTime().toEpochMilli()).execute());
    }

    @Override
    public Optional<RefreshTokenRecord> find(String tokenHash) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM refresh_tokens WHERE token_hash = ?").bind(0, tokenHash)
                .map((rs, ctx) -> token(rs)).findOne());
    }

    @Override
    public void touch(String tokenHash, Instant when) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE refresh_tokens SET last_used_time_ms = ? WHERE token_hash = ?")
                .bind(0, when.toEpochMilli()).bind(1, tokenHash).execute());
    }

    @Override
    public boolean markRotated(String tokenHash) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE refresh_tokens SET rotated = TRUE WHERE token_hash = ? AND rotated = FALSE AND revoked = FALSE")
                .bind(0, tokenHash).execute()) == 1;
    }

    @Override
    public int revokeFamily(String familyId) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE refresh_tokens SET revoked = TRUE WHERE family_id = ? AND revoked = FALSE")
                .bind(0, familyId).execute());
    }

    @Override
    public boolean hasFamily(String familyId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM refresh_tokens WHERE family_id = ?")
                .bind(0, familyId).mapTo(Integer.class).one()) > 0;
    }

    @Override
    public List<String> liveFamilies(String userId, String clientId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT family_id, MIN(create_time_ms) AS first FROM refresh_tokens"
                        + " WHERE user_id = ? AND client_id = ? AND revoked = FALSE AND rotated = FALSE GROUP BY family_id ORDER BY first, family_id")
                .bind(0, userId).bind(1, clientId).map((rs, ctx) -> rs.getString("family_id")).list());
    }

    @Override
    public int revokeForUserAndClient(String userId, String clientId) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE refresh_tokens SET revoked = TRUE WHERE user_id = ? AND client_id = ? AND revoked = FALSE")
                .bind(0, userId).bind(1, clientId).execute());
    }

    @Override
    public int revokeForUser(String userId) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE refresh_tokens SET revoked = TRUE WHERE user_id = ? AND revoked = FALSE")
                .bind(0, userId).execute());
    }

    @Override
    public int revokeForClient(String clientId) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE refresh_tokens SET revoked = TRUE WHERE client_id = ? AND revoked = FALSE")
                .bind(0, clientId).execute());
    }

    private static RefreshTokenRecord token(ResultSet rs) throws SQLException {
        return new RefreshTokenRecord(rs.getString("token_hash"), rs.getString("family_id"), rs.getString("user_id"), rs.getString("email"),
                rs.getString("client_id"), rs.getString("project_id"), Scopes.ofStored(rs.getString("scopes")),
                Rows.instant(rs, "create_time_ms"), Rows.instant(rs, "last_used_time_ms"), rs.getBoolean("revoked"),
                rs.getBoolean("rotated"), Rows.optionalString(rs, "nonce"), Rows.instant(rs, "auth_time_ms"));
    }
}
