package dev.tollgate.store.jdbc;

import dev.tollgate.core.audit.AuditActor;
import dev.tollgate.core.audit.AuditEntry;
import dev.tollgate.core.audit.AuditLog;
import dev.tollgate.core.audit.AuditOutcome;
import dev.tollgate.core.audit.AuditQuery;
import dev.tollgate.core.audit.AuditRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** The audit log in the {@code audit_log} table: INSERT and SELECT only. */
public final class JdbcAuditLog implements AuditLog {
    private final Jdbi jdbi;

    public JdbcAuditLog(Database db) {
        this.jdbi = db.jdbi();
    }

    @Override
    public void append(AuditEntry e) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO audit_log (time_ms, actor_kind, actor_id, actor_email, method, project_id, "
                        + "resource, address, http_status, status, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .bind(0, e.time().toEpochMilli()).bind(1, e.actor().kind()).bind(2, e.actor().actorId().orElse(null))
                .bind(3, e.actor().actorEmail().orElse(null)).bind(4, e.method()).bind(5, e.projectId().orElse(null))
                .bind(6, e.resource()).bind(7, e.address()).bind(8, e.outcome().httpStatus()).bind(9, e.outcome().status())
                .bind(10, e.outcome().reason().orElse(null)).execute());
    }

    @Override
    public List<AuditRecord> read(AuditQuery q) {
        var sql = new StringBuilder("SELECT * FROM audit_log WHERE time_ms >= :start AND time_ms < :end");
        if (q.projectId().isPresent()) {
            sql.append(" AND project_id = :project");
        }
        if (q.after().isPresent()) {
            sql.append(" AND (time_ms > :afterTime OR (time_ms = :afterTime AND seq > :afterSeq))");
        }
        sql.append(" ORDER BY time_ms, seq LIMIT :limit");
        return jdbi.withHandle(h -> {
            var query = h.createQuery(sql.toString()).bind("start", q.startMillis()).bind("end", q.endMillis()).bind("limit", q.limit());
            q.projectId().ifPresent(p -> query.bind("project", p));
            q.after().ifPresent(a -> query.bind("afterTime", a.timeMillis()).bind("afterSeq", a.sequence()));
            return query.map((rs, ctx) -> record(rs)).list();
        });
    }

    private static AuditRecord record(ResultSet rs) throws SQLException {
        var outcome = new AuditOutcome(rs.getInt("http_status"), rs.getString("status"), Optional.ofNullable(rs.getString("reason")));
        var entry = new AuditEntry(Instant.ofEpochMilli(rs.getLong("time_ms")),
                AuditActor.of(rs.getString("actor_kind"), rs.getString("actor_id"), rs.getString("actor_email")),
                rs.getString("method"), Optional.ofNullable(rs.getString("project_id")), rs.getString("resource"),
                rs.getString("address"), outcome);
        return new AuditRecord(rs.getLong("seq"), entry);
    }
}
