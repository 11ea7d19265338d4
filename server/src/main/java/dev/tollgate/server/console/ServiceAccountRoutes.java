package dev.tollgate.server.console;

import dev.tollgate.core.serviceaccount.ServiceAccount;
import dev.tollgate.core.serviceaccount.ServiceAccountKey;
import dev.tollgate.core.serviceaccount.ServiceAccountService;
import dev.tollgate.core.session.SignedIn;
import dev.tollgate.server.audit.ConsoleAudit;
import dev.tollgate.server.http.Json;
import dev.tollgate.server.pages.FormFields;
import dev.tollgate.server.pages.PageError;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A project's service accounts: create one, see it with its keys, create a key (its JSON file is
 * offered on the answer and never again), disable (after a confirmation) and enable it.
 */
final class ServiceAccountRoutes {
    private static final String NEW = "/console/projects/{p}/serviceAccounts/new";

    private final Console console;
    private final ServiceAccountService accounts;

    ServiceAccountRoutes(Console console, ServiceAccountService accounts) {
        this.console = console;
        this.accounts = accounts;
    }

    void register(Javalin app) {
        console.pages().get(app, NEW, ctx -> {
            SignedIn who = console.person(ctx);
            ProjectNav nav = editable(console.project(ctx, who, "credentials"));
            form(ctx, 200, who, nav, "", "", null);
        });
        console.pages().post(app, ConsoleAudit.CREATE_SERVICE_ACCOUNT, this::create);
        console.pages().get(app, ConsoleAudit.CREATE_SERVICE_ACCOUNT + "/{sa}", this::show);
        console.pages().get(app, ConsoleAudit.DISABLE_SERVICE_ACCOUNT, this::confirmDisable);
        console.pages().post(app, ConsoleAudit.DISABLE_SERVICE_ACCOUNT, (ctx, form) -> setDisabled(ctx, true));
        console.pages().post(app, ConsoleAudit.ENABLE_SERVICE_ACCOUNT, (ctx, form) -> setDisabled(ctx, false));
        console.pages().post(app, ConsoleAudit.CREATE_SERVICE_ACCOUNT_KEY, this::createKey);
    }

    static ProjectNav editable(ProjectNav nav) {
        if (!nav.canEdit()) {
            throw PageError.forbidden("Your role on this project lets you view its credentials, not change them.");
        }
        return nav;
    }

    private void form(Context ctx, int status, SignedIn who, ProjectNav nav, String accountId, String displayName, String error) {
        console.render(ctx, status, "console/new-service-account.jte", "Create service account", Map.of("email", who.user().email(),
                "nav", nav, "form", new IdForm(accountId, displayName, error)));
    }

    private void create(Context ctx, FormFields form) {
        String projectId = ctx.pathParam("p");
        SignedIn who = console.person(ctx, "/console/projects/" + projectId + "/serviceAccounts/new");
        ProjectNav nav = console.project(ctx, who, "credentials");
        String accountId = form.text("account_id").strip();
        String displayName = form.text("display_name");
        ServiceAccount account;
        try {
            account = console.act(ctx, who, "projects.serviceAccounts.create", projectId,
                    a -> "projects/" + projectId + "/serviceAccounts/" + a.email(), "projects/" + projectId + "/serviceAccounts",
                    () -> accounts.create(Console.principal(who), projectId, accountId, displayName));
        } catch (PageError e) {
            if (e.status() != 400 && e.status() != 409) {
                throw e;
            }
            form(ctx, e.status(), who, nav, accountId, displayName, e.getMessage());
            return;
        }
        console.pages().redirect(ctx, nav.base() + "/serviceAccounts/" + account.email() + "?done=created");
    }

    private void show(Context ctx) {
        SignedIn who = console.person(ctx);
        FormFields query = FormFields.ofQuery(ctx);
        String key = query.text("key");
        String notice = switch (query.text("done")) {
            case "created" -> "The service account " + ctx.pathParam("sa") + " was created. Add a key to let a program act as it.";
            case "disabled" -> "The service account is disabled: its keys and tokens are refused.";
            case "enabled" -> "The service account is enabled.";
            case "uploaded" -> "The public key was uploaded as key " + key + ".";
            case "key-disabled" -> "The key " + key + " is disabled.";
            case "key-enabled" -> "The key " + key + " is enabled.";
            case "key-deleted" -> "The key " + key + " was deleted.";
            default -> "";
        };
        render(console, ctx, 200, who, accounts, notice, null, "");
    }

    /**
     * The account's page, with {@code notice} in its status line, or the upload form's {@code error}
     * and what the person pasted.
     */
    static void render(Console console, Context ctx, int status, SignedIn who, ServiceAccountService accounts, String notice, String error,
                       String publicKey) {
        ProjectNav nav = console.project(ctx, who, "credentials");
        String email = ctx.pathParam("sa");
        ServiceAccount account = Console.call(() -> accounts.get(Console.principal(who), nav.project().projectId(), email));
        List<ServiceAccountKey> keys = Console.call(() -> accounts.listKeys(Console.principal(who), nav.project().projectId(), email)).stream()
                .sorted(Comparator.comparing(ServiceAccountKey::createTime).reversed()).toList();
        var params = new java.util.HashMap<String, Object>(Map.of("email", who.user().email(),
                "nav", nav, "account", account, "keys", Paging.of(keys, ctx.queryParam("page"), nav.base() + "/serviceAccounts/" + email),
                "notice", notice, "publicKey", publicKey));
        params.put("error", error);
        console.render(ctx, status, "console/service-account.jte",
                "Service account " + (account.displayName().isBlank() ? account.email() : account.displayName()), params);
    }

    private void confirmDisable(Context ctx) {
        SignedIn who = console.person(ctx);
        ProjectNav nav = editable(console.project(ctx, who, "credentials"));
        ServiceAccount account = Console.call(() -> accounts.get(Console.principal(who), nav.project().projectId(), ctx.pathParam("sa")));
        var confirmation = new Confirmation("Disable " + account.email() + "?",
                "Programs using this account's keys or tokens will be refused until it is enabled again.", ctx.path(),
                "Disable the service account", nav.base() + "/serviceAccounts/" + account.email());
        console.render(ctx, 200, "console/confirm.jte", confirmation.title(), Map.of("email", who.user().email(), "nav", nav,
                "confirmation", confirmation));
    }

    private void setDisabled(Context ctx, boolean disabled) {
        String projectId = ctx.pathParam("p");
        String email = ctx.pathParam("sa");
        String page = "/console/projects/" + projectId + "/serviceAccounts/" + email;
        SignedIn who = console.person(ctx, page);
        String resource = "projects/" + projectId + "/serviceAccounts/" + email;
        console.act(ctx, who, disabled ? "projects.serviceAccounts.disable" : "projects.serviceAccounts.enable", projectId, a -> resource,
                resource, () -> accounts.setDisabled(Console.principal(who), projectId, email, disabled));
        console.pages().redirect(ctx, page + "?done=" + (disabled ? "disabled" : "enabled"));
    }

    private void createKey(Context ctx, FormFields form) {
        String projectId = ctx.pathParam("p");
        String email = ctx.pathParam("sa");
        SignedIn who = console.person(ctx, "/console/projects/" + projectId + "/serviceAccounts/" + email);
        String account = "projects/" + projectId + "/serviceAccounts/" + email;
        var created = console.act(ctx, who, "projects.serviceAccounts.keys.create", projectId, k -> account + "/keys/" + k.key().keyId(),
                account + "/keys", () -> accounts.createKey(Console.principal(who), projectId, email));
        ProjectNav nav = console.project(ctx, who, "credentials");
        var file = new FileOffer(projectId + "-" + created.key().keyId().substring(0, 12) + ".json", Json.write(created.keyFile()));
        console.render(ctx, 200, "console/file-created.jte", "Key created", Map.of("email", who.user().email(), "nav", nav,
                "notice", "A key was added to " + email + ".",
                "facts", List.of(Map.entry("Service account", email), Map.entry("Key ID", created.key().keyId())),
                "file", file, "back", nav.base() + "/serviceAccounts/" + email, "backText", "Back to the service account"));
    }
}
