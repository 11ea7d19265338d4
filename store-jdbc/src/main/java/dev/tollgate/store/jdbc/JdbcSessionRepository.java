package dev.tollgate.store.jdbc;

import dev.tollgate.core.session.Session;
import dev.tollgate.core.session.SessionRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

public final class JdbcSessionRepository implements SessionRepository {
    private final Jdbi jdbi;

    public JdbcSessionRepository(Database db) {
        this.jdbi = db.jdbi();
    }

    @Override
    public void insert(Session s) {
        Database.unique("session", () -> jdbi.withHandle(h -> h.createUpdate(
                        "INSERT INTO sessions (session_hash, user_id, create_time_ms, last_seen_ms, auth_time_ms, expire_time_ms) "
                                + "VALUES (?, ?, ?, ?, ?, ?)")
                .bind(0, s.sessionHash()).bind(1, s.userId()).bind(2, s.createTime().toEpochMilli())
                .bind(3, s.lastSeenTime().toEpochMilli()).bind(4, s.authTime().toEpochMilli())
                .bind(5, s.expireTime().toEpochMilli()).execute()));
    }

    @Override
    public Optional<Session> find(String sessionHash) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM sessions WHERE session_hash = ?").bind(0, sessionHash)
                .map((rs, ctx) -> session(rs)).findOne());
    }

    @Override
    public void updateLastSeen(String sessionHash, Instant lastSeen) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE sessions SET last_seen_ms = ? WHERE session_hash = ?")
                .bind(0, lastSeen.toEpochMilli()).bind(1, sessionHash).execute());
    }

    @Override
    public void delete(String sessionHash) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM sessions WHERE session_hash = ?").bind(0, sessionHash).execute());
    }

    @Override
    public void deleteOthersOf(String userId, String keptSessionHash) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM sessions WHERE user_id = ? AND session_hash <> ?")
                .bind(0, userId).bind(1, keptSessionHash == null ? "" : keptSessionHash).execute());
    }

    @Override
    public int deleteExpired(Instant now, Instant idleBefore) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM sessions WHERE expire_time_ms <= ? OR last_seen_ms <= ?")
                .bind(0, now.toEpochMilli()).bind(1, idleBefore.toEpochMilli()).execute());
    }

    private static Session session(ResultSet rs) throws SQLException {
        return new Session(rs.getString("session_hash"), rs.getString("user_id"),
                Instant.ofEpochMilli(rs.getLong("create_time_ms")), Instant.ofEpochMilli(rs.getLong("last_seen_ms")),
                Instant.ofEpochMilli(rs.getLong("auth_time_ms")), Instant.ofEpochMilli(rs.getLong("expire_time_ms")));
    }
}
