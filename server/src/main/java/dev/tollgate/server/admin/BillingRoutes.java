package dev.tollgate.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.billing.BillingService;
import dev.tollgate.core.billing.Statement;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.server.http.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.Set;

/** {@code /admin/v1/projects/{p}/billing} and its monthly statements, as JSON or CSV. */
public final class BillingRoutes {
    private final AdminAuthenticator auth;
    private final BillingService billing;

    public BillingRoutes(AdminAuthenticator auth, BillingService billing) {
        this.auth = auth;
        this.billing = billing;
    }

    public void register(Javalin app) {
        app.get("/admin/v1/projects/{p}/billing", ctx -> ok(ctx, Resources.billing(billing.account(auth.principal(ctx), ctx.pathParam("p")))));
        app.patch("/admin/v1/projects/{p}/billing", ctx -> {
            ObjectNode body = Json.object(ctx.body(), Set.of("enabled", "monthlyBudget"));
            JsonNode enabled = body.get("enabled");
            if (enabled != null && !enabled.isBoolean()) {
                throw ApiError.INVALID_ARGUMENT.exception("enabled must be true or false.");
            }
            JsonNode budget = body.get("monthlyBudget");
            if (budget != null && !budget.isNull() && !budget.isTextual()) {
                throw ApiError.INVALID_ARGUMENT.exception("monthlyBudget must be a decimal string, like \"250.00\".");
            }
            Optional<String> budgetText = budget == null ? Optional.empty() : Optional.of(budget.isNull() ? "" : budget.asText());
            ok(ctx, Resources.billing(billing.update(auth.principal(ctx), ctx.pathParam("p"),
                    Optional.ofNullable(enabled).map(JsonNode::asBoolean), budgetText)));
        });
        app.get("/admin/v1/projects/{p}/billing/statements/{month}", ctx -> {
            Statement statement = billing.statement(auth.principal(ctx), ctx.pathParam("p"), ctx.pathParam("month"));
            String accept = ctx.header("Accept");
            if (accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("text/csv")) {
                ctx.status(200).contentType("text/csv; charset=UTF-8")
                        .header("Content-Disposition", "attachment; filename=\"" + statement.projectId() + "-" + statement.month() + ".csv\"")
                        .result(csv(statement));
            } else {
                ok(ctx, Resources.statement(statement));
            }
        });
    }

    /** A statement as CSV: one line per method and a total line, as the admin API and the console offer it. */
    public static String csv(Statement s) {
        var sb = new StringBuilder("service,method,calls,billableCalls,freeCalls,unitPricePer1000,amount\r\n");
        for (Statement.Line l : s.lines()) {
            sb.append(l.service()).append(',').append(l.method()).append(',').append(l.calls()).append(',').append(l.billableCalls())
                    .append(',').append(l.freeCalls()).append(',').append(l.unitPricePer1000().toPlainString()).append(',')
                    .append(l.amount().toPlainString()).append("\r\n");
        }
        sb.append("total,,,,,,").append(s.total().toPlainString()).append("\r\n");
        return sb.toString();
    }

    private static void ok(Context ctx, Object body) {
        ctx.status(200).contentType("application/json; charset=UTF-8").result(Json.write(body));
    }
}
