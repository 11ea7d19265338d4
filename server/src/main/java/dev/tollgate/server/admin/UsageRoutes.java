package dev.tollgate.server.admin;

import dev.tollgate.core.access.Principal;
import dev.tollgate.core.metering.GroupBy;
import dev.tollgate.core.metering.LatencyHistogram;
import dev.tollgate.core.metering.UsageCredential;
import dev.tollgate.core.metering.UsageLedger;
import dev.tollgate.core.metering.UsageRow;
import dev.tollgate.core.project.ProjectPermissions;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.server.http.Json;
import io.javalin.Javalin;
import java.math.BigDecimal;
import java.time.Instant;
import dev.tollgate.core.RequestTimes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /admin/v1/projects/{p}/usage?start=&end=&groupBy=service,method,status,credential}: calls
 * from the ledger, and per group the latency percentiles estimated from its merged histogram.
 */
public final class UsageRoutes {
    private static final List<Map.Entry<String, Double>> PERCENTILES = List.of(Map.entry("p50", 0.5), Map.entry("p95", 0.95),
            Map.entry("p99", 0.99));

    private final AdminAuthenticator auth;
    private final ProjectPermissions permissions;
    private final UsageLedger ledger;

    public UsageRoutes(AdminAuthenticator auth, ProjectPermissions permissions, UsageLedger ledger) {
        this.auth = auth;
        this.permissions = permissions;
        this.ledger = ledger;
    }

    public void register(Javalin app) {
        app.get("/admin/v1/projects/{p}/usage", ctx -> {
            Principal caller = auth.principal(ctx);
            String projectId = ctx.pathParam("p");
            permissions.requireRecords(caller, projectId);
            Instant start = time("start", ctx.queryParam("start"));
            Instant end = time("end", ctx.queryParam("end"));
            if (end.isBefore(start)) {
                throw ApiError.INVALID_ARGUMENT.exception("end must not be before start.");
            }
            Set<GroupBy> groupBy;
            try {
                groupBy = GroupBy.parse(ctx.queryParam("groupBy"));
            } catch (IllegalArgumentException e) {
                throw ApiError.INVALID_ARGUMENT.exception(e.getMessage());
            }
            List<Map<String, Object>> rows = ledger.usage(projectId, start, end, groupBy).stream().map(r -> row(r, groupBy)).toList();
            ctx.status(200).contentType("application/json; charset=UTF-8").result(Json.write(Map.of("rows", rows)));
        });
    }

    private static Map<String, Object> row(UsageRow r, Set<GroupBy> groupBy) {
        var m = new LinkedHashMap<String, Object>();
        if (groupBy.contains(GroupBy.SERVICE)) {
            m.put("service", r.service().orElse(""));
        }
        if (groupBy.contains(GroupBy.METHOD)) {
            m.put("method", r.method().orElse(""));
        }
        if (groupBy.contains(GroupBy.STATUS)) {
            m.put("status", r.status().orElse(0));
        }
        if (groupBy.contains(GroupBy.CREDENTIAL)) {
            UsageCredential credential = r.credential().orElse(UsageCredential.UNRECORDED);
            var named = new LinkedHashMap<String, Object>();
            named.put("kind", credential.wireKind());
            named.put("id", credential.id());
            m.put("credential", named);
        }
        m.put("calls", r.calls());
        m.put("bytesIn", r.totals().bytesIn());
        m.put("bytesOut", r.totals().bytesOut());
        Map<String, Object> percentiles = percentiles(r.latency());
        if (!percentiles.isEmpty()) {
            m.put("latencyMillis", percentiles);
        }
        return m;
    }

    /** p50, p95 and p99 in milliseconds to the microsecond; none for calls counted before the ledger kept latencies. */
    private static Map<String, Object> percentiles(LatencyHistogram latency) {
        var m = new LinkedHashMap<String, Object>();
        for (var p : PERCENTILES) {
            latency.percentileMicros(p.getValue()).ifPresent(micros -> m.put(p.getKey(), BigDecimal.valueOf(Math.round(micros)).movePointLeft(3)));
        }
        return m;
    }

    private static Instant time(String name, String value) {
        return RequestTimes.instant(name, value);
    }
}
