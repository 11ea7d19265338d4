package dev.tollgate.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.core.oauth.ClientSecret;
import dev.tollgate.core.oauth.ClientType;
import dev.tollgate.core.oauth.ConsentScreen;
import dev.tollgate.core.oauth.OAuthClient;
import dev.tollgate.core.oauth.OAuthClientRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

public final class JdbcOAuthClientRepository implements OAuthClientRepository {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private final Jdbi jdbi;

    public JdbcOAuthClientRepository(Database db) {
        this.jdbi = db.jdbi();
    }

    @Override
    public void insert(OAuthClient c) {
        Database.unique("client " + c.clientId(), () -> jdbi.withHandle(h -> h.createUpdate(
                        "INSERT INTO oauth_clients (client_id, project_id, client_type, display_name, redirect_uris, javascript_origins, create_time_ms)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?)")
                .bind(0, c.clientId()).bind(1, c.projectId()).bind(2, c.type().name()).bind(3, c.displayName())
                .bind(4, json(c.redirectUris())).bind(5, json(c.javascriptOrigins())).bind(6, c.createTime().toEpochMilli()).execute()));
    }

    @Override
    public void update(OAuthClient c) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE oauth_clients SET display_name = ?, redirect_uris = ?, javascript_origins = ? WHERE client_id = ?")
                .bind(0, c.displayName()).bind(1, json(c.redirectUris())).bind(2, json(c.javascriptOrigins())).bind(3, c.clientId()).execute());
    }

    @Override
    public Optional<OAuthClient> find(String clientId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM oauth_clients WHERE client_id = ?").bind(0, clientId)
                .map((rs, ctx) -> client(rs)).findOne());
    }

    @Override
    public List<OAuthClient> list(String projectId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM oauth_clients WHERE project_id = ? ORDER BY create_time_ms, client_id")
                .bind(0, projectId).map((rs, ctx) -> client(rs)).list());
    }

    @Override
    public List<String> javascriptOrigins() {
        return jdbi.withHandle(h -> h.createQuery("SELECT javascript_origins FROM oauth_clients")
                .map((rs, ctx) -> uris(rs.getString("javascript_origins"))).list())
                .stream().flatMap(List::stream).distinct().toList();
    }

    @Override
    public boolean delete(String clientId) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM oauth_clients WHERE client_id = ?").bind(0, clientId).execute()) > 0;
    }

    @Override
    public void insertSecret(ClientSecret s) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO oauth_client_secrets (secret_id, client_id, secret_hash, create_time_ms) VALUES (?, ?, ?, ?)")
                .bind(0, s.secretId()).bind(1, s.clientId()).bind(2, s.secretHash()).bind(3, s.createTime().toEpochMilli()).execute());
    }

    @Override
    public List<ClientSecret> secrets(String clientId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM oauth_client_secrets WHERE client_id = ? ORDER BY create_time_ms, secret_id")
                .bind(0, clientId).map((rs, ctx) -> new ClientSecret(rs.getString("secret_id"), rs.getString("client_id"),
                        rs.getString("secret_hash"), Rows.instant(rs, "create_time_ms"))).list());
    }

    @Override
    public boolean deleteSecret(String clientId, String secretId) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM oauth_client_secrets WHERE client_id = ? AND secret_id = ?")
                .bind(0, clientId).bind(1, secretId).execute()) > 0;
    }

    @Override
    public Optional<ConsentScreen> consentScreen(String projectId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM consent_screens WHERE project_id = ?").bind(0, projectId)
                .map((rs, ctx) -> new ConsentScreen(rs.getString("project_id"), rs.getString("application_name"),
                        Rows.optionalString(rs, "support_email"), Rows.optionalString(rs, "homepage"))).findOne());
    }

    @Override
    public void putConsentScreen(ConsentScreen s) {
        Database.upsert(jdbi, "the consent screen of " + s.projectId(), h -> h.createUpdate("UPDATE consent_screens SET application_name = ?, support_email = ?, homepage = ? WHERE project_id = ?")
                        .bind(0, s.applicationName()).bind(1, s.supportEmail().orElse(null)).bind(2, s.homepage().orElse(null))
                        .bind(3, s.projectId()).execute(),
                h -> h.createUpdate("INSERT INTO consent_screens (project_id, application_name, support_email, homepage) VALUES (?, ?, ?, ?)")
                            .bind(0, s.projectId()).bind(1, s.applicationName()).bind(2, s.supportEmail().orElse(null))
                            .bind(3, s.homepage().orElse(null)).execute());
    }

    private static OAuthClient client(ResultSet rs) throws SQLException {
        return new OAuthClient(rs.getString("client_id"), rs.getString("project_id"),
                ClientType.valueOf(rs.getString("client_type").toUpperCase(Locale.ROOT)), rs.getString("display_name"),
                uris(rs.getString("redirect_uris")), uris(rs.getString("javascript_origins")), Rows.instant(rs, "create_time_ms"));
    }

    private static String json(List<String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> uris(String json) {
        try {
            return JSON.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored URI list does not parse", e);
        }
    }
}
