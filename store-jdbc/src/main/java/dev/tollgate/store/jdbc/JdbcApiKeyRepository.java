package dev.tollgate.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.core.key.ApiKey;
import dev.tollgate.core.key.ApiKeyRepository;
import dev.tollgate.core.key.KeyRestrictions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

public final class JdbcApiKeyRepository implements ApiKeyRepository {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Jdbi jdbi;

    public JdbcApiKeyRepository(Database db) {
        this.jdbi = db.jdbi();
    }

    @Override
    public void insert(ApiKey key) {
        Database.unique("key " + key.keyId(), () -> jdbi.withHandle(h -> h.createUpdate(
                        "INSERT INTO api_keys (key_id, project_id, display_name, restrictions, key_hash, create_time_ms) VALUES (?, ?, ?, ?, ?, ?)")
                .bind(0, key.keyId()).bind(1, key.projectId()).bind(2, key.displayName()).bind(3, toJson(key.restrictions()))
                .bind(4, key.keyHash()).bind(5, key.createTime().toEpochMilli()).execute()));
    }

    @Override
    public Optional<ApiKey> findByHash(String keyHash) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM api_keys WHERE key_hash = ?").bind(0, keyHash)
                .map((rs, ctx) -> key(rs)).findOne());
    }

    @Override
    public Optional<ApiKey> find(String projectId, String keyId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM api_keys WHERE project_id = ? AND key_id = ?")
                .bind(0, projectId).bind(1, keyId).map((rs, ctx) -> key(rs)).findOne());
    }

    @Override
    public List<ApiKey> list(String projectId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM api_keys WHERE project_id = ? ORDER BY create_time_ms, key_id")
                .bind(0, projectId).map((rs, ctx) -> key(rs)).list());
    }

    @Override
    public void update(ApiKey key) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE api_keys SET display_name = ?, restrictions = ? WHERE key_id = ?")
                .bind(0, key.displayName()).bind(1, toJson(key.restrictions())).bind(2, key.keyId()).execute());
    }

    @Override
    public boolean delete(String projectId, String keyId) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM api_keys WHERE project_id = ? AND key_id = ?")
                .bind(0, projectId).bind(1, keyId).execute()) > 0;
    }

    private static ApiKey key(ResultSet rs) throws SQLException {
        try {
            return new ApiKey(rs.getString("key_id"), rs.getString("project_id"), rs.getString("display_name"),
                    JSON.readValue(rs.getString("restrictions"), KeyRestrictions.class),
                    Instant.ofEpochMilli(rs.getLong("create_time_ms")), rs.getString("key_hash"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored restrictions of key " + rs.getString("key_id") + " do not parse", e);
        }
    }

    private static String toJson(KeyRestrictions restrictions) {
        try {
            return JSON.writeValueAsString(restrictions);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
