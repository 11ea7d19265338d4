package dev.tollgate.server.audit;

import dev.tollgate.core.audit.AuditEntry;
import dev.tollgate.core.audit.AuditPage;
import dev.tollgate.core.audit.AuditRange;
import dev.tollgate.core.audit.AuditRecord;
import dev.tollgate.core.audit.AuditTrail;
import dev.tollgate.core.project.ProjectIds;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.server.admin.AdminAuthenticator;
import dev.tollgate.server.http.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /admin/v1/projects/{p}/auditLogs} for a project's owners and
 * {@code GET /admin/v1/auditLogs[?project=P]} for platform administrators, both with
 * {@code start}, {@code end} (RFC 3339), {@code pageSize} and {@code pageToken}.
 */
public final class AuditLogRoutes {
    private final AdminAuthenticator auth;
    private final AuditTrail trail;

    AuditLogRoutes(AdminAuthenticator auth, AuditTrail trail) {
        this.auth = auth;
        this.trail = trail;
    }

    void register(Javalin app) {
        app.get("/admin/v1/projects/{p}/auditLogs", ctx -> {
            var caller = auth.principal(ctx);
            render(ctx, trail.projectLog(caller, ctx.pathParam("p"), range(ctx)));
        });
        app.get("/admin/v1/auditLogs", ctx -> {
            var caller = auth.principal(ctx);
            Optional<String> project = Optional.ofNullable(ctx.queryParam("project")).filter(p -> !p.isEmpty()).map(ProjectIds::require);
            render(ctx, trail.platformLog(caller, project, range(ctx)));
        });
    }

    private static AuditRange range(Context ctx) {
        return new AuditRange(time("start", ctx.queryParam("start")), time("end", ctx.queryParam("end")),
                pageSize(ctx.queryParam("pageSize")), Optional.ofNullable(ctx.queryParam("pageToken")).filter(t -> !t.isEmpty()));
    }

    static Optional<Instant> time(String name, String value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        try {
            Instant time = OffsetDateTime.parse(value).toInstant();
            if (time.isBefore(AuditRange.EARLIEST) || time.isAfter(AuditRange.LATEST)) {
                throw ApiError.INVALID_ARGUMENT.exception(name + " must be between the years 0000 and 9999.");
            }
            return Optional.of(time);
        } catch (DateTimeParseException e) {
            throw ApiError.INVALID_ARGUMENT.exception(name + " must be an RFC 3339 time like 2026-11-01T00:00:00Z.");
        }
    }

    static int pageSize(String value) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        if (!value.matches("-?[0-9]{1,9}")) {
            throw ApiError.INVALID_ARGUMENT.exception("pageSize must be a whole number from 1 to " + AuditRange.MAX_PAGE_SIZE + ".");
        }
        return Integer.parseInt(value);
    }

    private static void render(Context ctx, AuditPage page) {
        var body = new LinkedHashMap<String, Object>();
        body.put("auditLogs", page.entries().stream().map(AuditLogRoutes::entry).toList());
        page.nextPageToken().ifPresent(t -> body.put("nextPageToken", t));
        ctx.status(200).contentType("application/json; charset=UTF-8").result(Json.write(body));
    }

    static Map<String, Object> entry(AuditRecord record) {
        AuditEntry e = record.entry();
        var actor = new LinkedHashMap<String, Object>();
        actor.put("kind", e.actor().kind());
        e.actor().actorEmail().ifPresent(v -> actor.put("email", v));
        e.actor().actorId().ifPresent(v -> actor.put("id", v));
        var outcome = new LinkedHashMap<String, Object>();
        outcome.put("httpStatus", e.outcome().httpStatus());
        outcome.put("status", e.outcome().status());
        e.outcome().reason().ifPresent(r -> outcome.put("reason", r));
        var m = new LinkedHashMap<String, Object>();
        m.put("time", e.time().toString());
        m.put("actor", actor);
        m.put("method", e.method());
        e.projectId().ifPresent(p -> m.put("projectId", p));
        m.put("resource", e.resource());
        m.put("address", e.address());
        m.put("outcome", outcome);
        return m;
    }
}
