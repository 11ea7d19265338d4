package dev.tollgate.server.console;

import dev.tollgate.core.metering.GroupBy;
import dev.tollgate.core.metering.UsageLedger;
import dev.tollgate.core.metering.UsageRow;
import dev.tollgate.core.projectadmin.ProjectService.ServiceState;
import dev.tollgate.core.quota.QuotaMetric;
import dev.tollgate.core.quota.QuotaService;
import dev.tollgate.core.quota.QuotaWindow;
import dev.tollgate.core.session.SignedIn;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.server.audit.ConsoleAudit;
import dev.tollgate.server.pages.FormFields;
import dev.tollgate.server.pages.PageError;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * {@code /console/projects/{p}/quotas}: every limit of every enabled API, with the calls the ledger
 * counted in its current window, the catalog's limit and the project's override; a form per API
 * changes the overrides as {@code PATCH …/quotas} does, under the same rules (editors may lower a
 * limit, only a platform administrator may raise it above the catalog's).
 */
final class QuotasPage {
    private final Console console;
    private final QuotaService quotas;
    private final UsageLedger ledger;
    private final ZoneId dayZone;

    QuotasPage(Console console, QuotaService quotas, UsageLedger ledger, ZoneId dayZone) {
        this.console = console;
        this.quotas = quotas;
        this.ledger = ledger;
        this.dayZone = dayZone;
    }

    void register(Javalin app) {
        console.pages().get(app, ConsoleAudit.UPDATE_QUOTAS, ctx -> {
            SignedIn who = console.person(ctx);
            ProjectNav nav = console.project(ctx, who, "quotas");
            String done = FormFields.ofQuery(ctx).text("done");
            render(ctx, 200, who, nav, done.isEmpty() ? "" : "The quotas of " + done + " were saved.", "", Map.of(), "");
        });
        console.pages().post(app, ConsoleAudit.UPDATE_QUOTAS, this::save);
    }

    private void save(Context ctx, FormFields form) {
        String projectId = ctx.pathParam("p");
        SignedIn who = console.person(ctx, "/console/projects/" + projectId + "/quotas");
        ProjectNav nav = console.project(ctx, who, "quotas");
        String service = form.text("service");
        String resource = "projects/" + projectId + "/quotas";
        try {
            console.act(ctx, who, "projects.quotas.update", projectId, l -> resource, resource,
                    () -> quotas.setOverrides(Console.principal(who), projectId, () -> overrides(service, form)));
        } catch (PageError e) {
            if (e.status() != 400 && !(e.status() == 403 && nav.canEdit())) {
                throw e;
            }
            var typed = new HashMap<String, String>();
            for (QuotaMetric m : QuotaMetric.values()) {
                typed.put(m.limitName(), form.text(m.limitName()));
            }
            render(ctx, e.status(), who, nav, "", service, typed, e.getMessage());
            return;
        }
        console.pages().redirect(ctx, nav.base() + "/quotas?done=" + service + "#quotas-" + service);
    }

    /** The form's three fields as overrides: a number sets it, an empty field goes back to the catalog's limit. */
    static List<QuotaService.Override> overrides(String service, FormFields form) {
        var out = new ArrayList<QuotaService.Override>();
        for (QuotaMetric m : QuotaMetric.values()) {
            String value = form.text(m.limitName()).strip();
            if (value.isEmpty()) {
                out.add(new QuotaService.Override(service, m.limitName(), OptionalLong.empty()));
            } else if (value.matches("[0-9]{1,13}")) {
                out.add(new QuotaService.Override(service, m.limitName(), OptionalLong.of(Long.parseLong(value))));
            } else {
                throw ApiError.INVALID_ARGUMENT.exception("A limit must be a whole number, or empty for the catalog's limit; \""
                        + (value.length() > 20 ? value.substring(0, 20) + "…" : value) + "\" is not.");
            }
        }
        return out;
    }

    private void render(Context ctx, int status, SignedIn who, ProjectNav nav, String notice, String refused, Map<String, String> typed,
                        String error) {
        String projectId = nav.project().projectId();
        List<ServiceState> enabled = Console.call(() -> console.projects().services(Console.principal(who), projectId)).stream()
                .filter(ServiceState::enabled).toList();
        List<QuotaService.Limit> limits = Console.call(() -> quotas.limits(Console.principal(who), projectId));
        Instant now = Instant.now();
        Map<String, Long> thisMinute = calls(projectId, QuotaWindow.MINUTE, now);
        Map<String, Long> today = calls(projectId, QuotaWindow.DAY, now);
        var apis = new ArrayList<Quotas.ApiQuotas>();
        for (ServiceState s : enabled) {
            String service = s.api().name();
            var rows = new ArrayList<Quotas.Limit>();
            for (QuotaService.Limit l : limits) {
                if (!l.service().equals(service)) {
                    continue;
                }
                boolean overridden = l.effectiveLimit() != l.defaultLimit();
                String used = l.perUser() ? ""
                        : Long.toString((l.window() == QuotaWindow.MINUTE ? thisMinute : today).getOrDefault(service, 0L));
                String shown = service.equals(refused) ? typed.getOrDefault(l.name(), "") : overridden ? Long.toString(l.effectiveLimit()) : "";
                rows.add(new Quotas.Limit(l.name(), label(l), l.window() == QuotaWindow.MINUTE ? "this minute" : "today (" + dayZone.getId() + ")",
                        l.perUser(), l.defaultLimit(), l.effectiveLimit(), overridden, used, shown));
            }
            apis.add(new Quotas.ApiQuotas(service, s.api().title(), rows));
        }
        console.render(ctx, status, "console/quotas.jte", "Quotas", Map.of("email", who.user().email(), "nav", nav, "notice", notice,
                "quotas", new Quotas(Paging.of(apis, ctx.queryParam("page"), nav.base() + "/quotas"), refused, error)));
    }

    /** Calls per API in the window that holds {@code now}, as the ledger has them (the gateway's own counters run a few seconds ahead). */
    private Map<String, Long> calls(String projectId, QuotaWindow window, Instant now) {
        var calls = new HashMap<String, Long>();
        for (UsageRow r : ledger.usage(projectId, window.start(now, dayZone), window.end(now, dayZone), EnumSet.of(GroupBy.SERVICE))) {
            calls.put(r.service().orElse(""), r.calls());
        }
        return calls;
    }

    private static String label(QuotaService.Limit l) {
        return "Requests per " + l.window().wireName() + (l.perUser() ? " per user" : " per project");
    }
}
