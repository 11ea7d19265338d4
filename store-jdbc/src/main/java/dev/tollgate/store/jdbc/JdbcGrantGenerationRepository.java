package dev.tollgate.store.jdbc;

import dev.tollgate.core.oauth.GrantGenerationRepository;
import java.util.OptionalLong;
import org.jdbi.v3.core.Jdbi;

public final class JdbcGrantGenerationRepository implements GrantGenerationRepository {
    private final Jdbi jdbi;

    public JdbcGrantGenerationRepository(Database db) {
        this.jdbi = db.jdbi();
    }

    @Override
    public long current(String userId, String clientId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT generation FROM grant_generations WHERE user_id = ? AND client_id = ?")
                .bind(0, userId).bind(1, clientId).mapTo(Long.class).findOne().orElse(0L));
    }

    @Override
    public void advance(String userId, String clientId) {
        Database.upsert(jdbi, "the grant generation of " + userId + " for " + clientId,
                h -> h.createUpdate("UPDATE grant_generations SET generation = generation + 1 WHERE user_id = ? AND client_id = ?")
                        .bind(0, userId).bind(1, clientId).execute(),
                h -> h.createUpdate("INSERT INTO grant_generations (user_id, client_id, generation) VALUES (?, ?, 1)")
                        .bind(0, userId).bind(1, clientId).execute());
    }

    @Override
    public void bind(String artifactId, long generation) {
        Database.upsert(jdbi, "the generation of " + artifactId,
                h -> h.createUpdate("UPDATE grant_artifact_generations SET generation = ? WHERE artifact_id = ?")
                        .bind(0, generation).bind(1, artifactId).execute(),
                h -> h.createUpdate("INSERT INTO grant_artifact_generations (artifact_id, generation) VALUES (?, ?)")
                        .bind(0, artifactId).bind(1, generation).execute());
    }

    @Override
    public OptionalLong boundTo(String artifactId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT generation FROM grant_artifact_generations WHERE artifact_id = ?")
                .bind(0, artifactId).mapTo(Long.class).findOne())
                .map(OptionalLong::of).orElseGet(OptionalLong::empty);
    }

    @Override
    public boolean isLive(String artifactId, String userId, String clientId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM grants g WHERE g.user_id = ? AND g.client_id = ?"
                        + " AND COALESCE((SELECT a.generation FROM grant_artifact_generations a WHERE a.artifact_id = ?), 0)"
                        + " = COALESCE((SELECT c.generation FROM grant_generations c WHERE c.user_id = g.user_id AND c.client_id = g.client_id), 0)")
                .bind(0, userId).bind(1, clientId).bind(2, artifactId).mapTo(Long.class).one()) > 0;
    }
}
