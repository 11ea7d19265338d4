package dev.tollgate.server.console;

import dev.tollgate.core.key.ApiKey;
import dev.tollgate.core.key.ApiKeyService;
import dev.tollgate.core.oauth.OAuthClient;
import dev.tollgate.core.oauth.OAuthClientService;
import dev.tollgate.core.serviceaccount.ServiceAccount;
import dev.tollgate.core.serviceaccount.ServiceAccountService;
import dev.tollgate.core.session.SignedIn;
import dev.tollgate.server.pages.FormFields;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code /console/projects/{p}/credentials}: the project's API keys, OAuth 2.0 client IDs and
 * service accounts, each list paged on its own ({@code keys}, {@code clients}, {@code accounts}).
 */
final class CredentialsPage {
    private final Console console;
    private final ApiKeyService keys;
    private final ServiceAccountService accounts;
    private final OAuthClientService clients;

    CredentialsPage(Console console, ApiKeyService keys, ServiceAccountService accounts, OAuthClientService clients) {
        this.console = console;
        this.keys = keys;
        this.accounts = accounts;
        this.clients = clients;
    }

    void register(Javalin app) {
        console.pages().get(app, "/console/projects/{p}/credentials", this::show);
    }

    private void show(Context ctx) {
        SignedIn who = console.person(ctx);
        ProjectNav nav = console.project(ctx, who, "credentials");
        String projectId = nav.project().projectId();
        List<ApiKey> allKeys = Console.call(() -> keys.list(Console.principal(who), projectId)).stream()
                .sorted(Comparator.comparing(ApiKey::createTime).reversed()).toList();
        List<OAuthClient> allClients = Console.call(() -> clients.list(Console.principal(who), projectId)).stream()
                .sorted(Comparator.comparing(OAuthClient::createTime).reversed()).toList();
        List<ServiceAccount> allAccounts = Console.call(() -> accounts.list(Console.principal(who), projectId)).stream()
                .sorted(Comparator.comparing(ServiceAccount::email)).toList();
        String notice = switch (FormFields.ofQuery(ctx).text("done")) {
            case "deleted" -> "The API key was deleted.";
            case "client-deleted" -> "The OAuth client was deleted.";
            case "service-account-deleted" -> "The service account was deleted.";
            default -> "";
        };
        String path = nav.base() + "/credentials";
        console.render(ctx, 200, "console/credentials.jte", "Credentials", Map.of("email", who.user().email(), "nav", nav,
                "keys", Paging.of(allKeys, ctx.queryParam("keys"), path, "keys"),
                "clients", Paging.of(allClients, ctx.queryParam("clients"), path, "clients"),
                "accounts", Paging.of(allAccounts, ctx.queryParam("accounts"), path, "accounts"), "notice", notice));
    }
}
