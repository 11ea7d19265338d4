package dev.tollgate.store.jdbc;

import dev.tollgate.core.quota.QuotaOverrides;
import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

public final class JdbcQuotaOverrides implements QuotaOverrides {
    private final Jdbi jdbi;

    public JdbcQuotaOverrides(Database db) {
        this.jdbi = db.jdbi();
    }

    @Override
    public Map<String, Long> of(String projectId) {
        return jdbi.withHandle(h -> {
            var out = new HashMap<String, Long>();
            h.createQuery("SELECT service, limit_name, limit_value FROM quota_overrides WHERE project_id = ?").bind(0, projectId)
                    .map((rs, ctx) -> Map.entry(rs.getString("service") + "/" + rs.getString("limit_name"), rs.getLong("limit_value")))
                    .forEach(e -> out.put(e.getKey(), e.getValue()));
            return Map.copyOf(out);
        });
    }

    @Override
    public void put(String projectId, String service, String name, long limit) {
        Database.upsert(jdbi, "a quota override of " + projectId, h -> h.createUpdate("UPDATE quota_overrides SET limit_value = ? WHERE project_id = ? AND service = ? AND limit_name = ?")
                        .bind(0, limit).bind(1, projectId).bind(2, service).bind(3, name).execute(),
                h -> h.createUpdate("INSERT INTO quota_overrides (project_id, service, limit_name, limit_value) VALUES (?, ?, ?, ?)")
                            .bind(0, projectId).bind(1, service).bind(2, name).bind(3, limit).execute());
    }

    @Override
    public void remove(String projectId, String service, String name) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM quota_overrides WHERE project_id = ? AND service = ? AND limit_name = ?")
                .bind(0, projectId).bind(1, service).bind(2, name).execute());
    }
}
