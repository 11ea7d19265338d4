package dev.tollgate.store.jdbc;

import dev.tollgate.core.token.AccessToken;
import dev.tollgate.core.token.AccessTokenRepository;
import dev.tollgate.protocol.Scopes;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;

public final class JdbcAccessTokenRepository implements AccessTokenRepository {
    private static final String INSERT = "INSERT INTO access_tokens (token_hash, subject_kind, subject_id, email, client_id,"
            + " project_id, scopes, issue_time_ms, expire_time_ms, revoked, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final Jdbi jdbi;
    /** Issuance is the hot write path: tokens minted at the same time are committed together. */
    private final GroupedInserts<AccessToken> inserts;

    public JdbcAccessTokenRepository(Database db) {
        this.jdbi = db.jdbi();
        this.inserts = new GroupedInserts<>(this::insertAll, this::insertOne);
    }

    @Override
    public void insert(AccessToken t) {
        inserts.insert(t);
    }

    private void insertAll(List<AccessToken> tokens) {
        if (tokens.size() == 1) {
            insertOne(tokens.get(0));
            return;
        }
        jdbi.useTransaction(h -> {
            PreparedBatch batch = h.prepareBatch(INSERT);
            tokens.forEach(t -> bind(batch, t).add());
            batch.execute();
        });
    }

    private void insertOne(AccessToken t) {
        Database.unique("token", () -> jdbi.withHandle(h -> bind(h.createUpdate(INSERT), t).execute()));
    }

    private static <S extends SqlStatement<S>> S bind(S statement, AccessToken t) {
        return statement.bind(0, t.tokenHash()).bind(1, t.subjectKind().name()).bind(2, t.subjectId()).bind(3, t.email())
                .bind(4, t.clientId()).bind(5, t.projectId()).bind(6, t.scopes().toString())
                .bind(7, t.issueTime().toEpochMilli()).bind(8, t.expireTime().toEpochMilli()).bind(9, t.revoked()).bind(10, t.source());
    }

    @Override
    public Optional<AccessToken> findByHash(String tokenHash) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM access_tokens WHERE token_hash = ?").bind(0, tokenHash)
                .map((rs, ctx) -> token(rs)).findOne());
    }

    @Override
    public boolean revoke(String tokenHash) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE access_tokens SET revoked = TRUE WHERE token_hash = ?").bind(0, tokenHash).execute()) > 0;
    }

    @Override
    public int revokeAllOf(String subjectId) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE access_tokens SET revoked = TRUE WHERE subject_id = ? AND revoked = FALSE")
                .bind(0, subjectId).execute());
    }

    @Override
    public List<String> revokeBySource(String source) {
        return revokeWhere("source = ?", source);
    }

    @Override
    public List<String> revokeForSubjectAndClient(String subjectId, String clientId) {
        return revokeWhere("subject_id = ? AND client_id = ?", subjectId, clientId);
    }

    @Override
    public List<String> revokeForClient(String clientId) {
        return revokeWhere("client_id = ?", clientId);
    }

    @Override
    public List<String> revokeForUser(String userId) {
        return revokeWhere("subject_kind = 'USER' AND subject_id = ?", userId);
    }

    /** Revokes the live tokens matching {@code condition} and returns their hashes, so caches can drop them. */
    private List<String> revokeWhere(String condition, String... args) {
        return jdbi.inTransaction(h -> {
            var select = h.createQuery("SELECT token_hash FROM access_tokens WHERE revoked = FALSE AND " + condition);
            var update = h.createUpdate("UPDATE access_tokens SET revoked = TRUE WHERE revoked = FALSE AND " + condition);
            for (int i = 0; i < args.length; i++) {
                select.bind(i, args[i]);
                update.bind(i, args[i]);
            }
            List<String> hashes = select.mapTo(String.class).list();
            update.execute();
            return hashes;
        });
    }

    private static AccessToken token(ResultSet rs) throws SQLException {
        return new AccessToken(rs.getString("token_hash"), AccessToken.SubjectKind.valueOf(rs.getString("subject_kind")),
                rs.getString("subject_id"), rs.getString("email"), rs.getString("client_id"), rs.getString("project_id"),
                Scopes.ofStored(rs.getString("scopes")), Instant.ofEpochMilli(rs.getLong("issue_time_ms")),
                Instant.ofEpochMilli(rs.getLong("expire_time_ms")), rs.getBoolean("revoked"), rs.getString("source"));
    }
}
