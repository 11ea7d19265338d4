package dev.tollgate.store.jdbc;

import dev.tollgate.core.user.EmailToken;
import dev.tollgate.core.user.EmailTokenRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

public final class JdbcEmailTokenRepository implements EmailTokenRepository {
    private final Jdbi jdbi;

    public JdbcEmailTokenRepository(Database db) {
        this.jdbi = db.jdbi();
    }

    @Override
    public void insert(EmailToken t) {
        Database.unique("email token", () -> jdbi.withHandle(h -> h.createUpdate(
                        "INSERT INTO email_tokens (token_hash, purpose, user_id, email, create_time_ms, expire_time_ms) VALUES (?, ?, ?, ?, ?, ?)")
                .bind(0, t.tokenHash()).bind(1, t.purpose().name()).bind(2, t.userId()).bind(3, t.email())
                .bind(4, t.createTime().toEpochMilli()).bind(5, t.expireTime().toEpochMilli()).execute()));
    }

    @Override
    public Optional<EmailToken> find(String tokenHash) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM email_tokens WHERE token_hash = ?").bind(0, tokenHash)
                .map((rs, ctx) -> token(rs)).findOne());
    }

    @Override
    public boolean consume(String tokenHash) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM email_tokens WHERE token_hash = ?").bind(0, tokenHash).execute()) == 1;
    }

    @Override
    public void deleteFor(String userId, EmailToken.Purpose purpose) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM email_tokens WHERE user_id = ? AND purpose = ?")
                .bind(0, userId).bind(1, purpose.name()).execute());
    }

    @Override
    public int deleteExpired(Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM email_tokens WHERE expire_time_ms <= ?").bind(0, now.toEpochMilli()).execute());
    }

    private static EmailToken token(ResultSet rs) throws SQLException {
        return new EmailToken(rs.getString("token_hash"), EmailToken.Purpose.valueOf(rs.getString("purpose")), rs.getString("user_id"),
                rs.getString("email"), Instant.ofEpochMilli(rs.getLong("create_time_ms")), Instant.ofEpochMilli(rs.getLong("expire_time_ms")));
    }
}
