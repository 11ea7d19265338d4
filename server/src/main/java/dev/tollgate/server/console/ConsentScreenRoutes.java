package dev.tollgate.server.console;

import dev.tollgate.core.catalog.ScopeDefinition;
import dev.tollgate.core.oauth.AuthorizationService.ScopeLine;
import dev.tollgate.core.oauth.OAuthClientService;
import dev.tollgate.core.projectadmin.ProjectService.ServiceState;
import dev.tollgate.core.session.SignedIn;
import dev.tollgate.server.audit.ConsoleAudit;
import dev.tollgate.server.pages.FormFields;
import dev.tollgate.server.pages.PageError;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /console/projects/{p}/consentScreen}: the application name, support email and home page
 * people see when one of the project's OAuth clients asks for access ({@code PATCH …/consentScreen}
 * of the admin API), beside a preview drawn with the consent page's own template. With JavaScript
 * the preview follows the fields as they are typed ({@code …/consentScreen/preview}, which changes
 * nothing); without it, it shows what was saved.
 */
final class ConsentScreenRoutes {
    private static final String PREVIEW = "/console/projects/{p}/consentScreen/preview";
    /** How many of the enabled APIs' scopes the preview lists, as an application might ask for them. */
    private static final int PREVIEW_SCOPES = 3;

    private final Console console;
    private final OAuthClientService clients;

    ConsentScreenRoutes(Console console, OAuthClientService clients) {
        this.console = console;
        this.clients = clients;
    }

    void register(Javalin app) {
        console.pages().get(app, ConsoleAudit.UPDATE_CONSENT_SCREEN, this::show);
        console.pages().get(app, PREVIEW, this::preview);
        console.pages().post(app, ConsoleAudit.UPDATE_CONSENT_SCREEN, this::save);
    }

    private void show(Context ctx) {
        SignedIn who = console.person(ctx);
        ProjectNav nav = console.project(ctx, who, "consentScreen");
        var screen = Console.call(() -> clients.consentScreen(Console.principal(who), nav.project().projectId()));
        String notice = FormFields.ofQuery(ctx).text("done").equals("saved") ? "The consent screen was saved." : "";
        render(ctx, 200, who, nav, ConsentScreenForm.of(screen), notice);
    }

    private void preview(Context ctx) {
        SignedIn who = console.person(ctx);
        ProjectNav nav = console.project(ctx, who, "consentScreen");
        console.render(ctx, 200, "console/consent-preview.jte", "Consent screen preview", Map.of("nav", nav, "email", who.user().email(),
                "form", ConsentScreenForm.of(FormFields.ofQuery(ctx)), "scopes", scopes(who, nav)));
    }

    private void save(Context ctx, FormFields fields) {
        String projectId = ctx.pathParam("p");
        SignedIn who = console.person(ctx, "/console/projects/" + projectId + "/consentScreen");
        ProjectNav nav = console.project(ctx, who, "consentScreen");
        var form = ConsentScreenForm.of(fields);
        String resource = "projects/" + projectId + "/consentScreen";
        try {
            console.act(ctx, who, "projects.consentScreen.update", projectId, s -> resource, resource,
                    () -> clients.updateConsentScreen(Console.principal(who), projectId, Optional.of(form.applicationName()),
                            Optional.of(form.supportEmail().strip()), Optional.of(form.homepage().strip())));
        } catch (PageError e) {
            if (e.status() != 400) {
                throw e;
            }
            render(ctx, 400, who, nav, form.refused(e.getMessage()), "");
            return;
        }
        console.pages().redirect(ctx, nav.base() + "/consentScreen?done=saved");
    }

    private void render(Context ctx, int status, SignedIn who, ProjectNav nav, ConsentScreenForm form, String notice) {
        console.render(ctx, status, "console/consent-screen.jte", "OAuth consent screen", Map.of("email", who.user().email(), "nav", nav,
                "form", form, "notice", notice, "scopes", scopes(who, nav)));
    }

    /** What the preview says the application asks for: the first scopes of the project's enabled APIs, in the consent screen's words. */
    private List<ScopeLine> scopes(SignedIn who, ProjectNav nav) {
        List<ServiceState> services = Console.call(() -> console.projects().services(Console.principal(who), nav.project().projectId()));
        return services.stream().filter(ServiceState::enabled).flatMap(s -> s.api().scopes().stream()).limit(PREVIEW_SCOPES)
                .map((ScopeDefinition d) -> new ScopeLine(d.name(), d.description())).toList();
    }
}
