package dev.tollgate.store.jdbc;

import dev.tollgate.core.user.User;
import dev.tollgate.core.user.UserRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

public final class JdbcUserRepository implements UserRepository {
    private final Jdbi jdbi;

    public JdbcUserRepository(Database db) {
        this.jdbi = db.jdbi();
    }

    @Override
    public void insert(User u) {
        Database.unique("user " + u.email(), () -> jdbi.withHandle(h -> h.createUpdate(
                        "INSERT INTO users (user_id, email, password_hash, create_time_ms) VALUES (?, ?, ?, ?)")
                .bind(0, u.userId()).bind(1, u.email().toLowerCase(Locale.ROOT)).bind(2, u.passwordHash())
                .bind(3, u.createTime().toEpochMilli()).execute()));
    }

    @Override
    public Optional<User> findByEmail(String email) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM users WHERE email = ?").bind(0, email.toLowerCase(Locale.ROOT))
                .map((rs, ctx) -> user(rs)).findOne());
    }

    @Override
    public Optional<User> find(String userId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM users WHERE user_id = ?").bind(0, userId)
                .map((rs, ctx) -> user(rs)).findOne());
    }

    @Override
    public void updatePasswordHash(String userId, String passwordHash) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE users SET password_hash = ? WHERE user_id = ?")
                .bind(0, passwordHash).bind(1, userId).execute());
    }

    @Override
    public List<User> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM users ORDER BY email").map((rs, ctx) -> user(rs)).list());
    }

    @Override
    public void setDisabled(String userId, boolean disabled) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE users SET disabled = ? WHERE user_id = ?").bind(0, disabled).bind(1, userId).execute());
    }

    private static User user(ResultSet rs) throws SQLException {
        return new User(rs.getString("user_id"), rs.getString("email"), rs.getString("password_hash"),
                Instant.ofEpochMilli(rs.getLong("create_time_ms")), rs.getBoolean("disabled"));
    }
}
