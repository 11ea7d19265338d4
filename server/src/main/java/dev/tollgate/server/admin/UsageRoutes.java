package dev.tollgate.server.admin;

import dev.tollgate.core.RequestTimes;
import dev.tollgate.core.metering.GroupBy;
import dev.tollgate.core.metering.LatencyHistogram;
import dev.tollgate.core.metering.UsageCredential;
import dev.tollgate.core.metering.UsageLedger;
import dev.tollgate.core.metering.UsageRow;
import dev.tollgate.core.principal.Principal;
import dev.tollgate.core.project.ProjectPermissions;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.protocol.admin.UsageRowResource;
import dev.tollgate.server.http.Json;
import io.javalin.Javalin;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /admin/v1/projects/{p}/usage?start=&end=&groupBy=service,method,status,credential}: calls
 * from the ledger, and per group the latency percentiles estimated from its merged histogram.
 */
public final class UsageRoutes {
    private static final List<Double> PERCENTILES = List.of(0.5, 0.95, 0.99);

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
            List<UsageRowResource> rows = ledger.usage(projectId, start, end, groupBy).stream().map(r -> row(r, groupBy)).toList();
            ctx.status(200).contentType("application/json; charset=UTF-8").result(Json.write(new UsageRowResource.Page(rows)));
        });
    }

    private static UsageRowResource row(UsageRow r, Set<GroupBy> groupBy) {
        UsageRowResource.Credential credential = null;
        if (groupBy.contains(GroupBy.CREDENTIAL)) {
            UsageCredential c = r.credential().orElse(UsageCredential.UNRECORDED);
            credential = new UsageRowResource.Credential(c.wireKind(), c.id());
        }
        return new UsageRowResource(
                groupBy.contains(GroupBy.SERVICE) ? r.service().orElse("") : null,
                groupBy.contains(GroupBy.METHOD) ? r.method().orElse("") : null,
                groupBy.contains(GroupBy.STATUS) ? r.status().orElse(0) : null,
                credential, r.calls(), r.totals().bytesIn(), r.totals().bytesOut(), percentiles(r.latency()));
    }

    /** p50, p95 and p99 in milliseconds to the microsecond; none for calls counted before the ledger kept latencies. */
    private static UsageRowResource.Latency percentiles(LatencyHistogram latency) {
        BigDecimal[] values = new BigDecimal[PERCENTILES.size()];
        boolean any = false;
        for (int i = 0; i < values.length; i++) {
            var micros = latency.percentileMicros(PERCENTILES.get(i));
            if (micros.isPresent()) {
                values[i] = BigDecimal.valueOf(Math.round(micros.getAsDouble())).movePointLeft(3);
                any = true;
            }
        }
        return any ? new UsageRowResource.Latency(values[0], values[1], values[2]) : null;
    }

    private static Instant time(String name, String value) {
        return RequestTimes.instant(name, value);
    }
}
