package dev.tollgate.store.jdbc;

import dev.tollgate.core.serviceaccount.KeyMaterial;
import dev.tollgate.core.serviceaccount.ServiceAccount;
import dev.tollgate.core.serviceaccount.ServiceAccountKey;
import dev.tollgate.core.serviceaccount.ServiceAccountRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

public final class JdbcServiceAccountRepository implements ServiceAccountRepository {
    private final Jdbi jdbi;

    public JdbcServiceAccountRepository(Database db) {
        this.jdbi = db.jdbi();
    }

    @Override
    public void insert(ServiceAccount a) {
        Database.unique("service account " + a.email(), () -> jdbi.inTransaction(h -> {
            DeletedIds.requireNeverDeleted(h, DeletedIds.SERVICE_ACCOUNT, a.email(), "service account " + a.email());
            return h.createUpdate(
                        "INSERT INTO service_accounts (email, unique_id, project_id, display_name, disabled, create_time_ms) VALUES (?, ?, ?, ?, ?, ?)")
                .bind(0, a.email()).bind(1, a.uniqueId()).bind(2, a.projectId()).bind(3, a.displayName())
                .bind(4, a.disabled()).bind(5, a.createTime().toEpochMilli()).execute();
        }));
    }

    @Override
    public Optional<ServiceAccount> find(String email) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM service_accounts WHERE email = ?").bind(0, email)
                .map((rs, ctx) -> account(rs)).findOne());
    }

    @Override
    public Optional<ServiceAccount> findByUniqueId(String uniqueId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM service_accounts WHERE unique_id = ?").bind(0, uniqueId)
                .map((rs, ctx) -> account(rs)).findOne());
    }

    @Override
    public List<ServiceAccount> list(String projectId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM service_accounts WHERE project_id = ? ORDER BY email")
                .bind(0, projectId).map((rs, ctx) -> account(rs)).list());
    }

    @Override
    public void setDisabled(String email, boolean disabled) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE service_accounts SET disabled = ? WHERE email = ?").bind(0, disabled).bind(1, email).execute());
    }

    @Override
    public boolean delete(String email) {
        // Roles go with the account, and its address is never given out again.
        String member = dev.tollgate.core.principal.Member.serviceAccount(email).toString();
        return jdbi.inTransaction(h -> {
            if (h.createUpdate("DELETE FROM service_accounts WHERE email = ?").bind(0, email).execute() == 0) {
                return false;
            }
            h.createUpdate("DELETE FROM project_members WHERE member = ?").bind(0, member).execute();
            h.createUpdate("DELETE FROM platform_admins WHERE member = ?").bind(0, member).execute();
            DeletedIds.reserve(h, DeletedIds.SERVICE_ACCOUNT, email, System.currentTimeMillis());
            return true;
        });
    }

    @Override
    public void insertKey(ServiceAccountKey k) {
        Database.unique("key " + k.keyId(), () -> jdbi.withHandle(h -> h.createUpdate(
                        "INSERT INTO service_account_keys (key_id, email, public_key, origin, disabled, create_time_ms) VALUES (?, ?, ?, ?, ?, ?)")
                .bind(0, k.keyId()).bind(1, k.email()).bind(2, Base64.getEncoder().encodeToString(k.publicKey().getEncoded()))
                .bind(3, k.origin().name()).bind(4, k.disabled()).bind(5, k.createTime().toEpochMilli()).execute()));
    }

    @Override
    public Optional<ServiceAccountKey> findKey(String keyId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM service_account_keys WHERE key_id = ?").bind(0, keyId)
                .map((rs, ctx) -> key(rs)).findOne());
    }

    @Override
    public List<ServiceAccountKey> listKeys(String email) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM service_account_keys WHERE email = ? ORDER BY create_time_ms, key_id")
                .bind(0, email).map((rs, ctx) -> key(rs)).list());
    }

    @Override
    public void setKeyDisabled(String keyId, boolean disabled) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE service_account_keys SET disabled = ? WHERE key_id = ?").bind(0, disabled).bind(1, keyId).execute());
    }

    @Override
    public boolean deleteKey(String keyId) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM service_account_keys WHERE key_id = ?").bind(0, keyId).execute()) > 0;
    }

    private static ServiceAccount account(ResultSet rs) throws SQLException {
        return new ServiceAccount(rs.getString("email"), rs.getString("unique_id"), rs.getString("project_id"),
                rs.getString("display_name"), rs.getBoolean("disabled"), Instant.ofEpochMilli(rs.getLong("create_time_ms")));
    }

    private static ServiceAccountKey key(ResultSet rs) throws SQLException {
        return new ServiceAccountKey(rs.getString("key_id"), rs.getString("email"),
                KeyMaterial.decodePublicKey(Base64.getDecoder().decode(rs.getString("public_key"))),
                ServiceAccountKey.Origin.valueOf(rs.getString("origin")), rs.getBoolean("disabled"),
                Instant.ofEpochMilli(rs.getLong("create_time_ms")));
    }
}
