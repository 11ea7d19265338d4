package dev.tollgate.store.jdbc;

import dev.tollgate.core.oauth.Grant;
import dev.tollgate.core.oauth.GrantRepository;
import dev.tollgate.protocol.Scopes;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

public final class JdbcGrantRepository implements GrantRepository {
    private final Jdbi jdbi;

    public JdbcGrantRepository(Database db) {
        this.jdbi = db.jdbi();
    }

    @Override
    public Optional<Grant> find(String userId, String clientId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM grants WHERE user_id = ? AND client_id = ?")
                .bind(0, userId).bind(1, clientId).map((rs, ctx) -> grant(rs)).findOne());
    }

    @Override
    public void put(Grant g) {
        Database.upsert(jdbi, "the grant of " + g.userId() + " to " + g.clientId(), h -> h.createUpdate("UPDATE grants SET scopes = ? WHERE user_id = ? AND client_id = ?")
                        .bind(0, g.scopes().toString()).bind(1, g.userId()).bind(2, g.clientId()).execute(),
                h -> h.createUpdate("INSERT INTO grants (user_id, client_id, scopes, create_time_ms, last_used_time_ms) VALUES (?, ?, ?, ?, ?)")
                            .bind(0, g.userId()).bind(1, g.clientId()).bind(2, g.scopes().toString())
                            .bind(3, g.createTime().toEpochMilli()).bind(4, Rows.millis(g.lastUsedTime())).execute());
    }

    @Override
    public void touch(String userId, String clientId, Instant when) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE grants SET last_used_time_ms = ? WHERE user_id = ? AND client_id = ?")
                .bind(0, when.toEpochMilli()).bind(1, userId).bind(2, clientId).execute());
    }

    @Override
    public boolean delete(String userId, String clientId) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM grants WHERE user_id = ? AND client_id = ?")
                .bind(0, userId).bind(1, clientId).execute()) > 0;
    }

    @Override
    public List<Grant> listForUser(String userId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM grants WHERE user_id = ? ORDER BY create_time_ms, client_id")
                .bind(0, userId).map((rs, ctx) -> grant(rs)).list());
    }

    private static Grant grant(ResultSet rs) throws SQLException {
        return new Grant(rs.getString("user_id"), rs.getString("client_id"), Scopes.ofStored(rs.getString("scopes")),
                Rows.instant(rs, "create_time_ms"), Rows.optionalInstant(rs, "last_used_time_ms"));
    }
}
