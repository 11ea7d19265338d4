package dev.tollgate.server.console;

import dev.tollgate.core.billing.BillingAccount;
import dev.tollgate.core.billing.BillingService;
import dev.tollgate.core.billing.Statement;
import dev.tollgate.core.project.Role;
import dev.tollgate.core.session.SignedIn;
import dev.tollgate.protocol.ApiException;
import dev.tollgate.server.admin.BillingRoutes;
import dev.tollgate.server.audit.ConsoleAudit;
import dev.tollgate.server.pages.FormFields;
import dev.tollgate.server.pages.PageError;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /console/projects/{p}/billing}: billing on or off and the monthly budget (owners only, as
 * {@code PATCH …/billing}), the month so far and its projection, and the monthly statements, each
 * as a table ({@code …/billing/statements/MONTH}) and as CSV ({@code …/statements/MONTH/csv}).
 */
final class BillingPages {
    private static final String STATEMENT = "/console/projects/{p}/billing/statements/{month}";

    private final Console console;
    private final BillingService billing;

    BillingPages(Console console, BillingService billing) {
        this.console = console;
        this.billing = billing;
    }

    void register(Javalin app) {
        console.pages().get(app, ConsoleAudit.UPDATE_BILLING, ctx -> {
            SignedIn who = console.person(ctx);
            ProjectNav nav = console.project(ctx, who, "billing");
            String notice = FormFields.ofQuery(ctx).text("done").equals("saved") ? "The billing settings were saved." : "";
            BillingAccount account = Console.call(() -> billing.account(Console.principal(who), nav.project().projectId()));
            render(ctx, 200, who, nav, account, notice, "", "");
        });
        console.pages().post(app, ConsoleAudit.UPDATE_BILLING, this::save);
        console.pages().get(app, STATEMENT, this::statement);
        console.pages().get(app, STATEMENT + "/csv", this::csv);
    }

    private void save(Context ctx, FormFields form) {
        String projectId = ctx.pathParam("p");
        SignedIn who = console.person(ctx, "/console/projects/" + projectId + "/billing");
        ProjectNav nav = console.project(ctx, who, "billing");
        boolean enabled = form.text("enabled").equals("on");
        String budget = form.text("monthly_budget").strip();
        String resource = "projects/" + projectId + "/billing";
        try {
            console.act(ctx, who, "projects.billing.update", projectId, a -> resource, resource,
                    () -> billing.update(Console.principal(who), projectId, Optional.of(enabled), Optional.of(budget)));
        } catch (PageError e) {
            if (e.status() != 400) {
                throw e;
            }
            render(ctx, 400, who, nav, new BillingAccount(projectId, enabled, Optional.empty()), "", budget, e.getMessage());
            return;
        }
        console.pages().redirect(ctx, nav.base() + "/billing?done=saved");
    }

    /**
     * @param typedBudget the budget as typed in a refused form; otherwise the account's
     */
    private void render(Context ctx, int status, SignedIn who, ProjectNav nav, BillingAccount account, String notice, String typedBudget,
                        String error) {
        String projectId = nav.project().projectId();
        Instant now = Instant.now();
        YearMonth month = YearMonth.from(now.atZone(ZoneOffset.UTC));
        Statement thisMonth = Console.call(() -> billing.statement(Console.principal(who), projectId, month.toString()));
        var view = new Billing(account, owns(who, projectId), thisMonth, Billing.projection(thisMonth.total(), month, now),
                Paging.of(Billing.months(nav.project().createTime(), month), ctx.queryParam("months"), nav.base() + "/billing", "months"));
        String budget = error.isEmpty() ? account.monthlyBudget().map(b -> b.toPlainString()).orElse("") : typedBudget;
        console.render(ctx, status, "console/billing.jte", "Billing", Map.of("email", who.user().email(), "nav", nav, "billing", view,
                "notice", notice, "error", error, "budget", budget));
    }

    private boolean owns(SignedIn who, String projectId) {
        try {
            console.projects().permissions().require(Console.principal(who), projectId, Role.OWNER);
            return true;
        } catch (ApiException e) {
            return false;
        }
    }

    private void statement(Context ctx) {
        SignedIn who = console.person(ctx);
        ProjectNav nav = console.project(ctx, who, "billing");
        Statement statement = Console.call(() -> billing.statement(Console.principal(who), nav.project().projectId(), ctx.pathParam("month")));
        console.render(ctx, 200, "console/statement.jte", "Statement for " + statement.month(), Map.of("email", who.user().email(),
                "nav", nav, "statement", statement));
    }

    private void csv(Context ctx) {
        SignedIn who = console.person(ctx);
        String projectId = ctx.pathParam("p");
        Statement statement = Console.call(() -> billing.statement(Console.principal(who), projectId, ctx.pathParam("month")));
        ctx.status(200).contentType("text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + statement.projectId() + "-" + statement.month() + ".csv\"")
                .result(BillingRoutes.csv(statement));
    }
}
