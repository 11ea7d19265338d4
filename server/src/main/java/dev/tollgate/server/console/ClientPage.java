package dev.tollgate.server.console;

import dev.tollgate.core.oauth.ClientSecret;
import dev.tollgate.core.oauth.OAuthClient;
import dev.tollgate.core.oauth.OAuthClientService;
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
 * An OAuth client's page: its name, redirect URIs and JavaScript origins, editable (the admin API's
 * {@code PATCH …/oauthClients/C}, with the same checks as at creation), and its secrets: add one
 * (shown once, on the answer) to rotate to, delete one after a confirmation.
 */
final class ClientPage {
    private final Console console;
    private final OAuthClientService clients;

    ClientPage(Console console, OAuthClientService clients) {
        this.console = console;
        this.clients = clients;
    }

    void register(Javalin app) {
        console.pages().get(app, ConsoleAudit.UPDATE_OAUTH_CLIENT, ctx -> {
            SignedIn who = console.person(ctx);
            ProjectNav nav = console.project(ctx, who, "credentials");
            OAuthClient client = Console.call(() -> clients.get(Console.principal(who), nav.project().projectId(), ctx.pathParam("c")));
            show(ctx, 200, who, nav, client, ClientEditForm.of(client));
        });
        console.pages().post(app, ConsoleAudit.UPDATE_OAUTH_CLIENT, this::update);
        console.pages().post(app, ConsoleAudit.CREATE_CLIENT_SECRET, this::addSecret);
        console.pages().get(app, ConsoleAudit.DELETE_CLIENT_SECRET, this::confirmDeleteSecret);
        console.pages().post(app, ConsoleAudit.DELETE_CLIENT_SECRET, this::deleteSecret);
    }

    private void show(Context ctx, int status, SignedIn who, ProjectNav nav, OAuthClient client, ClientEditForm form) {
        List<ClientSecret> secrets = Console.call(() -> clients.secrets(Console.principal(who), nav.project().projectId(), client.clientId()));
        String notice = switch (FormFields.ofQuery(ctx).text("done")) {
            case "saved" -> "The client was saved.";
            case "secret-deleted" -> "The secret was deleted: it no longer works.";
            default -> "";
        };
        console.render(ctx, status, "console/client.jte", "OAuth client " + client.displayName(), Map.of("email", who.user().email(),
                "nav", nav, "client", client, "form", form, "secrets", secrets, "notice", status == 200 ? notice : ""));
    }

    private void update(Context ctx, FormFields fields) {
        String projectId = ctx.pathParam("p");
        String clientId = ctx.pathParam("c");
        String page = "/console/projects/" + projectId + "/oauthClients/" + clientId;
        SignedIn who = console.person(ctx, page);
        ProjectNav nav = console.project(ctx, who, "credentials");
        var form = new ClientEditForm(fields.text("display_name"), fields.text("redirect_uris"), fields.text("javascript_origins"), null);
        String resource = "projects/" + projectId + "/oauthClients/" + clientId;
        try {
            console.act(ctx, who, "projects.oauthClients.update", projectId, c -> resource, resource,
                    () -> clients.update(Console.principal(who), projectId, clientId, Optional.of(form.displayName()),
                            Optional.of(ClientRoutes.lines(form.redirectUris())), Optional.of(ClientRoutes.lines(form.javascriptOrigins()))));
        } catch (PageError e) {
            if (e.status() != 400) {
                throw e;
            }
            OAuthClient client = Console.call(() -> clients.get(Console.principal(who), projectId, clientId));
            show(ctx, 400, who, nav, client, new ClientEditForm(form.displayName(), form.redirectUris(), form.javascriptOrigins(),
                    e.getMessage()));
            return;
        }
        console.pages().redirect(ctx, page + "?done=saved");
    }

    private void addSecret(Context ctx, FormFields form) {
        String projectId = ctx.pathParam("p");
        String clientId = ctx.pathParam("c");
        String page = "/console/projects/" + projectId + "/oauthClients/" + clientId;
        SignedIn who = console.person(ctx, page);
        String client = "projects/" + projectId + "/oauthClients/" + clientId;
        var added = console.act(ctx, who, "projects.oauthClients.secrets.create", projectId, s -> client + "/secrets/" + s.record().secretId(),
                client + "/secrets", () -> clients.addSecret(Console.principal(who), projectId, clientId));
        ProjectNav nav = console.project(ctx, who, "credentials");
        console.render(ctx, 200, "console/secret-created.jte", "Client secret added", Map.of("email", who.user().email(), "nav", nav,
                "clientId", clientId, "secret", added.secret(), "back", page));
    }

    private void confirmDeleteSecret(Context ctx) {
        SignedIn who = console.person(ctx);
        ProjectNav nav = ServiceAccountRoutes.editable(console.project(ctx, who, "credentials"));
        String clientId = ctx.pathParam("c");
        String secretId = ctx.pathParam("s");
        boolean known = Console.call(() -> clients.secrets(Console.principal(who), nav.project().projectId(), clientId)).stream()
                .anyMatch(s -> s.secretId().equals(secretId));
        if (!known) {
            throw new PageError(404, "Not found", "Secret " + secretId + " not found.");
        }
        var confirmation = new Confirmation("Delete the secret " + secretId + "?",
                "Servers still sending this secret will be refused at once; any other secret of the client keeps working.", ctx.path(),
                "Delete the secret", nav.base() + "/oauthClients/" + clientId);
        console.render(ctx, 200, "console/confirm.jte", confirmation.title(), Map.of("email", who.user().email(), "nav", nav,
                "confirmation", confirmation));
    }

    private void deleteSecret(Context ctx, FormFields form) {
        String projectId = ctx.pathParam("p");
        String clientId = ctx.pathParam("c");
        String secretId = ctx.pathParam("s");
        String page = "/console/projects/" + projectId + "/oauthClients/" + clientId;
        SignedIn who = console.person(ctx, page);
        String resource = "projects/" + projectId + "/oauthClients/" + clientId + "/secrets/" + secretId;
        console.act(ctx, who, "projects.oauthClients.secrets.delete", projectId, r -> resource, resource, () -> {
            clients.deleteSecret(Console.principal(who), projectId, clientId, secretId);
            return resource;
        });
        console.pages().redirect(ctx, page + "?done=secret-deleted");
    }
}
