package dev.tollgate.server.console;

import dev.tollgate.core.serviceaccount.ServiceAccount;
import dev.tollgate.core.serviceaccount.ServiceAccountKey;
import dev.tollgate.core.serviceaccount.ServiceAccountService;
import dev.tollgate.core.session.SignedIn;
import dev.tollgate.server.audit.ConsoleAudit;
import dev.tollgate.server.pages.FormFields;
import dev.tollgate.server.pages.PageError;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Map;

/**
 * What a service account's page changes besides creating keys: upload the public half of a key
 * made elsewhere (a PEM certificate or public key, as the admin API's {@code keys:upload}), disable
 * a key (after a confirmation) and enable it again, delete a key, and delete the account; each
 * destructive action asks first.
 */
final class ServiceAccountKeyRoutes {
    private final Console console;
    private final ServiceAccountService accounts;

    ServiceAccountKeyRoutes(Console console, ServiceAccountService accounts) {
        this.console = console;
        this.accounts = accounts;
    }

    void register(Javalin app) {
        console.pages().post(app, ConsoleAudit.UPLOAD_SERVICE_ACCOUNT_KEY, this::upload);
        console.pages().get(app, ConsoleAudit.DISABLE_SERVICE_ACCOUNT_KEY, ctx -> confirmKey(ctx, false));
        console.pages().post(app, ConsoleAudit.DISABLE_SERVICE_ACCOUNT_KEY, (ctx, form) -> setKeyDisabled(ctx, true));
        console.pages().post(app, ConsoleAudit.ENABLE_SERVICE_ACCOUNT_KEY, (ctx, form) -> setKeyDisabled(ctx, false));
        console.pages().get(app, ConsoleAudit.DELETE_SERVICE_ACCOUNT_KEY, ctx -> confirmKey(ctx, true));
        console.pages().post(app, ConsoleAudit.DELETE_SERVICE_ACCOUNT_KEY, this::deleteKey);
        console.pages().get(app, ConsoleAudit.DELETE_SERVICE_ACCOUNT, this::confirmDelete);
        console.pages().post(app, ConsoleAudit.DELETE_SERVICE_ACCOUNT, this::delete);
    }

    private static String accountPage(Context ctx) {
        return "/console/projects/" + ctx.pathParam("p") + "/serviceAccounts/" + ctx.pathParam("sa");
    }

    private static String accountResource(Context ctx) {
        return "projects/" + ctx.pathParam("p") + "/serviceAccounts/" + ctx.pathParam("sa");
    }

    private void upload(Context ctx, FormFields form) {
        String projectId = ctx.pathParam("p");
        String email = ctx.pathParam("sa");
        SignedIn who = console.person(ctx, accountPage(ctx));
        String pem = form.text("public_key").strip();
        ServiceAccountKey key;
        try {
            if (pem.isEmpty()) {
                throw PageError.badRequest("Paste a PEM certificate (BEGIN CERTIFICATE) or public key (BEGIN PUBLIC KEY).");
            }
            key = console.act(ctx, who, "projects.serviceAccounts.keys.upload", projectId, k -> accountResource(ctx) + "/keys/" + k.keyId(),
                    accountResource(ctx) + "/keys", () -> accounts.uploadKey(Console.principal(who), projectId, email, pem));
        } catch (PageError e) {
            if (e.status() != 400) {
                throw e;
            }
            ServiceAccountRoutes.render(console, ctx, 400, who, accounts, "", e.getMessage(), form.text("public_key"));
            return;
        }
        console.pages().redirect(ctx, accountPage(ctx) + "?done=uploaded&key=" + key.keyId());
    }

    private void confirmKey(Context ctx, boolean delete) {
        SignedIn who = console.person(ctx);
        ProjectNav nav = ServiceAccountRoutes.editable(console.project(ctx, who, "credentials"));
        ServiceAccountKey key = Console.call(() -> accounts.getKey(Console.principal(who), nav.project().projectId(), ctx.pathParam("sa"),
                ctx.pathParam("key")));
        var confirmation = delete
                ? new Confirmation("Delete the key " + key.keyId() + "?",
                        "Programs signing with this key are refused at once, and the key cannot be brought back.", ctx.path(),
                        "Delete the key", accountPage(ctx))
                : new Confirmation("Disable the key " + key.keyId() + "?",
                        "Programs signing with this key are refused until it is enabled again.", ctx.path(), "Disable the key",
                        accountPage(ctx));
        console.render(ctx, 200, "console/confirm.jte", confirmation.title(), Map.of("email", who.user().email(), "nav", nav,
                "confirmation", confirmation));
    }

    private void setKeyDisabled(Context ctx, boolean disabled) {
        String projectId = ctx.pathParam("p");
        SignedIn who = console.person(ctx, accountPage(ctx));
        String resource = accountResource(ctx) + "/keys/" + ctx.pathParam("key");
        console.act(ctx, who, disabled ? "projects.serviceAccounts.keys.disable" : "projects.serviceAccounts.keys.enable", projectId,
                k -> resource, resource, () -> accounts.setKeyDisabled(Console.principal(who), projectId, ctx.pathParam("sa"),
                        ctx.pathParam("key"), disabled));
        console.pages().redirect(ctx, accountPage(ctx) + "?done=" + (disabled ? "key-disabled" : "key-enabled") + "&key=" + ctx.pathParam("key"));
    }

    private void deleteKey(Context ctx, FormFields form) {
        String projectId = ctx.pathParam("p");
        SignedIn who = console.person(ctx, accountPage(ctx));
        String resource = accountResource(ctx) + "/keys/" + ctx.pathParam("key");
        console.act(ctx, who, "projects.serviceAccounts.keys.delete", projectId, k -> resource, resource, () -> {
            accounts.deleteKey(Console.principal(who), projectId, ctx.pathParam("sa"), ctx.pathParam("key"));
            return resource;
        });
        console.pages().redirect(ctx, accountPage(ctx) + "?done=key-deleted&key=" + ctx.pathParam("key"));
    }

    private void confirmDelete(Context ctx) {
        SignedIn who = console.person(ctx);
        ProjectNav nav = ServiceAccountRoutes.editable(console.project(ctx, who, "credentials"));
        ServiceAccount account = Console.call(() -> accounts.get(Console.principal(who), nav.project().projectId(), ctx.pathParam("sa")));
        var confirmation = new Confirmation("Delete the service account " + account.email() + "?",
                "Programs using its keys or tokens are refused at once, and the account and its keys cannot be brought back.",
                ctx.path(), "Delete the service account", accountPage(ctx));
        console.render(ctx, 200, "console/confirm.jte", confirmation.title(), Map.of("email", who.user().email(), "nav", nav,
                "confirmation", confirmation));
    }

    private void delete(Context ctx, FormFields form) {
        String projectId = ctx.pathParam("p");
        SignedIn who = console.person(ctx, accountPage(ctx));
        String resource = accountResource(ctx);
        console.act(ctx, who, "projects.serviceAccounts.delete", projectId, r -> resource, resource, () -> {
            accounts.delete(Console.principal(who), projectId, ctx.pathParam("sa"));
            return resource;
        });
        console.pages().redirect(ctx, "/console/projects/" + projectId + "/credentials?done=service-account-deleted");
    }
}
