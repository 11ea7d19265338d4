package dev.tollgate.store.jdbc;

import dev.tollgate.core.oauth.AuthorizationCodeRecord;
import dev.tollgate.core.oauth.AuthorizationCodeRepository;
import dev.tollgate.protocol.Scopes;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

public final class JdbcAuthorizationCodeRepository implements AuthorizationCodeRepository {
    private final Jdbi jdbi;

    public JdbcAuthorizationCodeRepository(Database db) {
        this.jdbi = db.jdbi();
    }

    @Override
    public void insert(AuthorizationCodeRecord c) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO authorization_codes (code_hash, client_id, user_id, email, redirect_uri, code_challenge,"
                        + " scopes, nonce, auth_time_ms, offline, expire_time_ms, used) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE)")
                .bind(0, c.codeHash()).bind(1, c.clientId()).bind(2, c.userId()).bind(3, c.email()).bind(4, c.redirectUri())
                .bind(5, c.codeChallenge().orElse(null)).bind(6, c.scopes().toString()).bind(7, c.nonce().orElse(null))
                .bind(8, c.authTime().toEpochMilli()).bind(9, c.offline()).bind(10, c.expireTime().toEpochMilli()).execute());
    }

    @Override
    public Optional<Redemption> redeem(String codeHash) {
        return jdbi.inTransaction(h -> {
            Optional<AuthorizationCodeRecord> code = h.createQuery("SELECT * FROM authorization_codes WHERE code_hash = ?")
                    .bind(0, codeHash).map((rs, ctx) -> code(rs)).findOne();
            if (code.isEmpty()) {
                return Optional.<Redemption>empty();
            }
            int marked = h.createUpdate("UPDATE authorization_codes SET used = TRUE WHERE code_hash = ? AND used = FALSE")
                    .bind(0, codeHash).execute();
            return Optional.of(new Redemption(code.get(), marked == 1));
        });
    }

    private static AuthorizationCodeRecord code(ResultSet rs) throws SQLException {
        return new AuthorizationCodeRecord(rs.getString("code_hash"), rs.getString("client_id"), rs.getString("user_id"),
                rs.getString("email"), rs.getString("redirect_uri"), Rows.optionalString(rs, "code_challenge"),
                Scopes.ofStored(rs.getString("scopes")), Rows.optionalString(rs, "nonce"), Rows.instant(rs, "auth_time_ms"),
                rs.getBoolean("offline"), Rows.instant(rs, "expire_time_ms"));
    }
}
