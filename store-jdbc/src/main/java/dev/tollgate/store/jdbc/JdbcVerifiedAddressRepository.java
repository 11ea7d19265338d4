package dev.tollgate.store.jdbc;

import dev.tollgate.core.user.VerifiedAddressRepository;
import java.time.Instant;
import java.util.Locale;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

public final class JdbcVerifiedAddressRepository implements VerifiedAddressRepository {
    private final Jdbi jdbi;

    public JdbcVerifiedAddressRepository(Database db) {
        this.jdbi = db.jdbi();
    }

    /** The proof counts only for the address the person holds now, hence the join on users. */
    @Override
    public boolean isVerifiedOwner(String userId, String email) {
        if (userId == null || email == null) {
            return false;
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM verified_addresses v JOIN users u ON u.user_id = v.user_id"
                        + " WHERE v.user_id = ? AND v.email = ? AND u.email = ?")
                .bind(0, userId).bind(1, email.toLowerCase(Locale.ROOT)).bind(2, email.toLowerCase(Locale.ROOT))
                .mapTo(Integer.class).one()) > 0;
    }

    @Override
    public void markVerified(String userId, String email, Instant when) {
        jdbi.useTransaction(h -> put(h, userId, email, when));
    }

    @Override
    public void revoke(String userId) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM verified_addresses WHERE user_id = ?").bind(0, userId).execute());
    }

    @Override
    public void changeEmail(String userId, String newEmail, Instant when) {
        Database.unique("user " + newEmail, () -> jdbi.inTransaction(h -> {
            h.createUpdate("UPDATE users SET email = ? WHERE user_id = ?").bind(0, newEmail.toLowerCase(Locale.ROOT)).bind(1, userId).execute();
            put(h, userId, newEmail, when);
            return null;
        }));
    }

    /** Delete then insert: one statement that works alike on H2 and PostgreSQL. */
    private static void put(Handle h, String userId, String email, Instant when) {
        h.createUpdate("DELETE FROM verified_addresses WHERE user_id = ?").bind(0, userId).execute();
        h.createUpdate("INSERT INTO verified_addresses (user_id, email, verify_time_ms) VALUES (?, ?, ?)")
                .bind(0, userId).bind(1, email.toLowerCase(Locale.ROOT)).bind(2, when.toEpochMilli()).execute();
    }
}
