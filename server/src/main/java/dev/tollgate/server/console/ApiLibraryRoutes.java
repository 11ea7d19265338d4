package dev.tollgate.server.console;

import dev.tollgate.core.projectadmin.ProjectService.ServiceState;
import dev.tollgate.core.session.SignedIn;
import dev.tollgate.server.audit.ConsoleAudit;
import dev.tollgate.server.pages.FormFields;
import dev.tollgate.server.pages.PageError;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * {@code /console/projects/{p}/apis}: every API of the catalog with its methods, scopes, quotas and
 * prices, enabled or disabled for the project. Disabling asks first: callers of the API are
 * refused from then on.
 */
final class ApiLibraryRoutes {
    private final Console console;

    ApiLibraryRoutes(Console console) {
        this.console = console;
    }

    void register(Javalin app) {
        console.pages().get(app, "/console/projects/{p}/apis", this::library);
        console.pages().get(app, ConsoleAudit.DISABLE_API, this::confirmDisable);
        console.pages().post(app, ConsoleAudit.ENABLE_API, (ctx, form) -> change(ctx, true));
        console.pages().post(app, ConsoleAudit.DISABLE_API, (ctx, form) -> change(ctx, false));
    }

    private void library(Context ctx) {
        SignedIn who = console.person(ctx);
        ProjectNav nav = console.project(ctx, who, "apis");
        List<ServiceState> services = Console.call(() -> console.projects().services(Console.principal(who), nav.project().projectId()));
        String done = FormFields.ofQuery(ctx).text("done");
        String api = FormFields.ofQuery(ctx).text("api");
        String notice = switch (done) {
            case "enabled" -> "The API " + api + " is enabled for this project.";
            case "disabled" -> "The API " + api + " is disabled for this project.";
            default -> "";
        };
        boolean known = services.stream().anyMatch(s -> s.api().name().equals(api));
        console.render(ctx, 200, "console/apis.jte", "API Library", Map.of("email", who.user().email(), "nav", nav,
                "services", Paging.of(services, ctx.queryParam("page"), nav.base() + "/apis"), "notice", known ? notice : ""));
    }

    private void confirmDisable(Context ctx) {
        SignedIn who = console.person(ctx);
        ProjectNav nav = console.project(ctx, who, "apis");
        if (!nav.canEdit()) {
            throw PageError.forbidden("Your role on this project does not let you disable its APIs.");
        }
        ServiceState service = find(who, nav, ctx.pathParam("api"));
        var confirmation = new Confirmation("Disable " + service.api().title() + "?",
                "Every call to " + service.api().title() + " with this project's keys and tokens will be refused until it is enabled again.",
                ctx.path(), "Disable " + service.api().title(), nav.base() + "/apis");
        console.render(ctx, 200, "console/confirm.jte", confirmation.title(), Map.of("email", who.user().email(), "nav", nav,
                "confirmation", confirmation));
    }

    private ServiceState find(SignedIn who, ProjectNav nav, String api) {
        return Console.call(() -> console.projects().services(Console.principal(who), nav.project().projectId())).stream()
                .filter(s -> s.api().name().equals(api)).findFirst()
                .orElseThrow(() -> new PageError(404, "Not found", "The API " + api + " is not in the catalog."));
    }

    private void change(Context ctx, boolean enable) {
        String projectId = ctx.pathParam("p");
        String api = ctx.pathParam("api");
        SignedIn who = console.person(ctx, "/console/projects/" + projectId + "/apis");
        String resource = "projects/" + projectId + "/services/" + api;
        console.act(ctx, who, enable ? "projects.services.enable" : "projects.services.disable", projectId, s -> resource, resource,
                () -> console.projects().setServiceEnabled(Console.principal(who), projectId, api, enable));
        console.pages().redirect(ctx, "/console/projects/" + projectId + "/apis?done=" + (enable ? "enabled" : "disabled") + "&api=" + api
                + "#api-" + api);
    }
}
