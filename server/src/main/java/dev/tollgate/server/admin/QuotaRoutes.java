package dev.tollgate.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.quota.QuotaService;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.protocol.admin.QuotaLimit;
import dev.tollgate.server.http.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/** {@code GET, PATCH /admin/v1/projects/{p}/quotas}. */
public final class QuotaRoutes {
    private final AdminAuthenticator auth;
    private final QuotaService quotas;

    public QuotaRoutes(AdminAuthenticator auth, QuotaService quotas) {
        this.auth = auth;
        this.quotas = quotas;
    }

    public void register(Javalin app) {
        app.get("/admin/v1/projects/{p}/quotas", ctx -> ok(ctx, quotas.limits(auth.principal(ctx), ctx.pathParam("p"))));
        app.patch("/admin/v1/projects/{p}/quotas", ctx -> {
            String body = ctx.body();
            ok(ctx, quotas.setOverrides(auth.principal(ctx), ctx.pathParam("p"),
                    () -> overrides(Json.object(body, Set.of("overrides")).get("overrides"))));
        });
    }

    private static List<QuotaService.Override> overrides(JsonNode node) {
        if (node == null || !node.isArray()) {
            throw ApiError.INVALID_ARGUMENT.exception("overrides must be a list of {service, name, limit}.");
        }
        var out = new ArrayList<QuotaService.Override>();
        for (JsonNode o : node) {
            if (!o.isObject() || !o.path("service").isTextual() || !o.path("name").isTextual()) {
                throw ApiError.INVALID_ARGUMENT.exception("Each override needs a service and a name.");
            }
            var names = o.fieldNames();
            while (names.hasNext()) {
                String n = names.next();
                if (!Set.of("service", "name", "limit").contains(n)) {
                    throw ApiError.INVALID_ARGUMENT.exception("Invalid JSON payload received. Unknown name \"" + n + "\".");
                }
            }
            JsonNode limit = o.get("limit");
            OptionalLong value;
            if (limit == null || limit.isNull()) {
                value = OptionalLong.empty();
            } else if (limit.canConvertToLong() && limit.isIntegralNumber()) {
                value = OptionalLong.of(limit.asLong());
            } else if (limit.isTextual() && limit.asText().matches("[0-9]{1,13}")) {
                value = OptionalLong.of(Long.parseLong(limit.asText()));
            } else {
                throw ApiError.INVALID_ARGUMENT.exception("limit must be a whole number, or null to remove the override.");
            }
            out.add(new QuotaService.Override(o.get("service").asText(), o.get("name").asText(), value));
        }
        return out;
    }

    private static void ok(Context ctx, List<QuotaService.Limit> limits) {
        ctx.status(200).contentType("application/json; charset=UTF-8")
                .result(Json.write(new QuotaLimit.Page(limits.stream().map(Resources::quota).toList())));
    }
}
