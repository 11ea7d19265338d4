package dev.tollgate.server.console;

import dev.tollgate.core.oauth.ClientType;
import dev.tollgate.core.oauth.OAuthClient;
import dev.tollgate.core.oauth.OAuthClientService;
import dev.tollgate.core.session.SignedIn;
import dev.tollgate.server.audit.ConsoleAudit;
import dev.tollgate.server.http.Json;
import dev.tollgate.server.pages.FormFields;
import dev.tollgate.server.pages.PageError;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A project's OAuth 2.0 client IDs: create one (web application or installed application, with its
 * redirect URIs and JavaScript origins; its secret and {@code client_secret.json} are offered on
 * the answer and never again), delete one after a confirmation. {@link ClientPage} shows one and changes it.
 */
final class ClientRoutes {
    private static final String NEW = "/console/projects/{p}/oauthClients/new";

    private final Console console;
    private final OAuthClientService clients;

    ClientRoutes(Console console, OAuthClientService clients) {
        this.console = console;
        this.clients = clients;
    }

    void register(Javalin app) {
        console.pages().get(app, NEW, ctx -> {
            SignedIn who = console.person(ctx);
            ProjectNav nav = ServiceAccountRoutes.editable(console.project(ctx, who, "credentials"));
            form(ctx, 200, who, nav, new ClientForm("web", "", "", "", null));
        });
        console.pages().post(app, ConsoleAudit.CREATE_OAUTH_CLIENT, this::create);
        console.pages().get(app, ConsoleAudit.DELETE_OAUTH_CLIENT, this::confirmDelete);
        console.pages().post(app, ConsoleAudit.DELETE_OAUTH_CLIENT, this::delete);
    }

    private void form(Context ctx, int status, SignedIn who, ProjectNav nav, ClientForm form) {
        console.render(ctx, status, "console/new-client.jte", "Create OAuth client ID", Map.of("email", who.user().email(), "nav", nav,
                "form", form));
    }

    private void create(Context ctx, FormFields fields) {
        String projectId = ctx.pathParam("p");
        SignedIn who = console.person(ctx, "/console/projects/" + projectId + "/oauthClients/new");
        ProjectNav nav = console.project(ctx, who, "credentials");
        var form = new ClientForm(fields.text("type"), fields.text("display_name"), fields.text("redirect_uris"),
                fields.text("javascript_origins"), null);
        OAuthClientService.CreatedClient created;
        try {
            ClientType type = Console.call(() -> ClientType.parse(form.type()));
            created = console.act(ctx, who, "projects.oauthClients.create", projectId,
                    c -> "projects/" + projectId + "/oauthClients/" + c.client().clientId(), "projects/" + projectId + "/oauthClients",
                    () -> clients.create(Console.principal(who), projectId, type, form.displayName(), lines(form.redirectUris()),
                            lines(form.javascriptOrigins())));
        } catch (PageError e) {
            if (e.status() != 400) {
                throw e;
            }
            form(ctx, 400, who, nav, new ClientForm(form.type(), form.displayName(), form.redirectUris(), form.javascriptOrigins(),
                    e.getMessage()));
            return;
        }
        var file = new FileOffer("client_secret_" + created.client().clientId() + ".json", Json.write(created.file()));
        console.render(ctx, 200, "console/file-created.jte", "OAuth client created", Map.of("email", who.user().email(), "nav", nav,
                "notice", "The OAuth client " + created.client().displayName() + " was created.",
                "facts", List.of(Map.entry("Client ID", created.client().clientId()), Map.entry("Client secret", created.secret())),
                "file", file, "back", nav.base() + "/oauthClients/" + created.client().clientId(), "backText", "See the client"));
    }

    static List<String> lines(String text) {
        return Arrays.stream(text.split("\\R")).map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private void confirmDelete(Context ctx) {
        SignedIn who = console.person(ctx);
        ProjectNav nav = ServiceAccountRoutes.editable(console.project(ctx, who, "credentials"));
        OAuthClient client = Console.call(() -> clients.get(Console.principal(who), nav.project().projectId(), ctx.pathParam("c")));
        var confirmation = new Confirmation("Delete the OAuth client " + client.displayName() + "?",
                "People can no longer sign in to this application, and every token it holds stops working at once.", ctx.path(),
                "Delete the client", nav.base() + "/oauthClients/" + client.clientId());
        console.render(ctx, 200, "console/confirm.jte", confirmation.title(), Map.of("email", who.user().email(), "nav", nav,
                "confirmation", confirmation));
    }

    private void delete(Context ctx, FormFields form) {
        String projectId = ctx.pathParam("p");
        String clientId = ctx.pathParam("c");
        SignedIn who = console.person(ctx, "/console/projects/" + projectId + "/credentials");
        String resource = "projects/" + projectId + "/oauthClients/" + clientId;
        console.act(ctx, who, "projects.oauthClients.delete", projectId, r -> resource, resource, () -> {
            clients.delete(Console.principal(who), projectId, clientId);
            return resource;
        });
        console.pages().redirect(ctx, "/console/projects/" + projectId + "/credentials?done=client-deleted");
    }
}
