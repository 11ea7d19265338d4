package dev.tollgate.server.console;

import dev.tollgate.core.catalog.ApiCatalog;
import dev.tollgate.core.key.ApiKey;
import dev.tollgate.core.key.ApiKeyService;
import dev.tollgate.core.session.SignedIn;
import dev.tollgate.server.audit.ConsoleAudit;
import dev.tollgate.server.pages.FormFields;
import dev.tollgate.server.pages.PageError;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;

/**
 * A project's API keys: create (the key string is shown on
 * the answer to the form and never again), restrict, delete after a confirmation.
 */
final class KeyRoutes {
    private final Console console;
    private final ApiKeyService keys;
    private final ApiCatalog catalog;

    KeyRoutes(Console console, ApiKeyService keys, ApiCatalog catalog) {
        this.console = console;
        this.keys = keys;
        this.catalog = catalog;
    }

    void register(Javalin app) {
        console.pages().post(app, ConsoleAudit.CREATE_KEY, this::create);
        console.pages().get(app, ConsoleAudit.UPDATE_KEY, this::show);
        console.pages().post(app, ConsoleAudit.UPDATE_KEY, this::update);
        console.pages().get(app, ConsoleAudit.DELETE_KEY, this::confirmDelete);
        console.pages().post(app, ConsoleAudit.DELETE_KEY, this::delete);
    }

    private void create(Context ctx, FormFields form) {
        String projectId = ctx.pathParam("p");
        SignedIn who = console.person(ctx, "/console/projects/" + projectId + "/credentials");
        String name = form.optional("display_name").orElse("API key");
        var created = console.act(ctx, who, "projects.keys.create", projectId, c -> c.key().name(), "projects/" + projectId + "/keys",
                () -> keys.create(Console.principal(who), projectId, name, null));
        ProjectNav nav = console.project(ctx, who, "credentials");
        console.render(ctx, 200, "console/key-created.jte", "API key created", Map.of("email", who.user().email(), "nav", nav,
                "key", created.key(), "keyString", created.keyString()));
    }

    private void show(Context ctx) {
        SignedIn who = console.person(ctx);
        ProjectNav nav = console.project(ctx, who, "credentials");
        ApiKey key = Console.call(() -> keys.get(Console.principal(who), nav.project().projectId(), ctx.pathParam("k")));
        String notice = "saved".equals(ctx.queryParam("done")) ? "The key was saved." : "";
        render(ctx, 200, who, nav, KeyEditor.of(key, catalog.apis()), notice, "");
    }

    private void update(Context ctx, FormFields form) {
        String projectId = ctx.pathParam("p");
        String keyId = ctx.pathParam("k");
        String page = "/console/projects/" + projectId + "/keys/" + keyId;
        SignedIn who = console.person(ctx, page);
        ProjectNav nav = console.project(ctx, who, "credentials");
        ApiKey key = Console.call(() -> keys.get(Console.principal(who), projectId, keyId));
        KeyEditor editor = Console.call(() -> KeyEditor.of(key, form, catalog.apis()));
        try {
            String name = editor.displayName().isBlank() ? key.displayName() : editor.displayName();
            console.act(ctx, who, "projects.keys.update", projectId, k -> key.name(), key.name(),
                    () -> keys.update(Console.principal(who), projectId, keyId, Optional.of(name), Optional.of(editor.restrictions())));
        } catch (PageError e) {
            if (e.status() != 400) {
                throw e;
            }
            render(ctx, 400, who, nav, editor, "", e.getMessage());
            return;
        }
        console.pages().redirect(ctx, page + "?done=saved");
    }

    private void render(Context ctx, int status, SignedIn who, ProjectNav nav, KeyEditor editor, String notice, String error) {
        console.render(ctx, status, "console/key.jte", "API key " + editor.key().displayName(), Map.of("email", who.user().email(),
                "nav", nav, "editor", editor, "notice", notice, "error", error));
    }

    private void confirmDelete(Context ctx) {
        SignedIn who = console.person(ctx);
        ProjectNav nav = console.project(ctx, who, "credentials");
        if (!nav.canEdit()) {
            throw PageError.forbidden("Your role on this project does not let you delete its keys.");
        }
        ApiKey key = Console.call(() -> keys.get(Console.principal(who), nav.project().projectId(), ctx.pathParam("k")));
        var confirmation = new Confirmation("Delete the API key " + key.displayName() + "?",
                "Applications calling with this key will be refused at once. A deleted key cannot be restored.",
                ctx.path(), "Delete the key", nav.base() + "/keys/" + key.keyId());
        console.render(ctx, 200, "console/confirm.jte", confirmation.title(), Map.of("email", who.user().email(), "nav", nav,
                "confirmation", confirmation));
    }

    private void delete(Context ctx, FormFields form) {
        String projectId = ctx.pathParam("p");
        String keyId = ctx.pathParam("k");
        SignedIn who = console.person(ctx, "/console/projects/" + projectId + "/credentials");
        String resource = "projects/" + projectId + "/keys/" + keyId;
        console.act(ctx, who, "projects.keys.delete", projectId, r -> resource, resource, () -> {
            keys.delete(Console.principal(who), projectId, keyId);
            return resource;
        });
        console.pages().redirect(ctx, "/console/projects/" + projectId + "/credentials?done=deleted");
    }
}
