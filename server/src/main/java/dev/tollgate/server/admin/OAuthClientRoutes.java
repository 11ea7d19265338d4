package dev.tollgate.server.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.oauth.ClientType;
import dev.tollgate.core.oauth.OAuthClientService;
import dev.tollgate.protocol.admin.ClientSecretResource;
import dev.tollgate.protocol.admin.OAuthClientResource;
import dev.tollgate.server.http.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /admin/v1/projects/{p}/oauthClients} and {@code …/consentScreen}. {@code PATCH} changes
 * the fields given and leaves the others; a list given replaces the registered one whole.
 */
public final class OAuthClientRoutes {
    private static final String BASE = "/admin/v1/projects/{p}";

    private final AdminAuthenticator auth;
    private final OAuthClientService clients;

    public OAuthClientRoutes(AdminAuthenticator auth, OAuthClientService clients) {
        this.auth = auth;
        this.clients = clients;
    }

    public void register(Javalin app) {
        app.post(BASE + "/oauthClients", ctx -> {
            ObjectNode body = Json.object(ctx.body(), Set.of("type", "displayName", "redirectUris", "javascriptOrigins"));
            var created = clients.create(auth.principal(ctx), ctx.pathParam("p"), ClientType.parse(Json.text(body, "type")),
                    Json.text(body, "displayName"), strings(body, "redirectUris"), strings(body, "javascriptOrigins"));
            ok(ctx, Resources.client(created.client()).withSecret(created.secret(), created.file()));
        });
        app.get(BASE + "/oauthClients", ctx -> ok(ctx, new OAuthClientResource.Page(
                clients.list(auth.principal(ctx), ctx.pathParam("p")).stream().map(Resources::client).toList())));
        app.get(BASE + "/oauthClients/{c}", ctx -> ok(ctx, Resources.client(clients.get(auth.principal(ctx), ctx.pathParam("p"), ctx.pathParam("c")))));
        app.patch(BASE + "/oauthClients/{c}", ctx -> {
            ObjectNode body = Json.object(ctx.body(), Set.of("displayName", "redirectUris", "javascriptOrigins"));
            ok(ctx, Resources.client(clients.update(auth.principal(ctx), ctx.pathParam("p"), ctx.pathParam("c"), present(body, "displayName"),
                    body.has("redirectUris") ? Optional.of(strings(body, "redirectUris")) : Optional.empty(),
                    body.has("javascriptOrigins") ? Optional.of(strings(body, "javascriptOrigins")) : Optional.empty())));
        });
        app.delete(BASE + "/oauthClients/{c}", ctx -> {
            clients.delete(auth.principal(ctx), ctx.pathParam("p"), ctx.pathParam("c"));
            ok(ctx, Map.of());
        });
        app.post(BASE + "/oauthClients/{c}/secrets", ctx -> {
            Json.object(ctx.body(), Set.of());
            var secret = clients.addSecret(auth.principal(ctx), ctx.pathParam("p"), ctx.pathParam("c"));
            ok(ctx, Resources.secret(secret.record(), secret.secret()));
        });
        app.get(BASE + "/oauthClients/{c}/secrets", ctx -> ok(ctx, new ClientSecretResource.Page(clients.secrets(auth.principal(ctx), ctx.pathParam("p"), ctx.pathParam("c")).stream()
                .map(s -> Resources.secret(s, null)).toList())));
        app.delete(BASE + "/oauthClients/{c}/secrets/{s}", ctx -> {
            clients.deleteSecret(auth.principal(ctx), ctx.pathParam("p"), ctx.pathParam("c"), ctx.pathParam("s"));
            ok(ctx, Map.of());
        });
        app.get(BASE + "/consentScreen", ctx -> ok(ctx, Resources.consentScreen(clients.consentScreen(auth.principal(ctx), ctx.pathParam("p")))));
        app.patch(BASE + "/consentScreen", ctx -> {
            ObjectNode body = Json.object(ctx.body(), Set.of("applicationName", "supportEmail", "homepage"));
            ok(ctx, Resources.consentScreen(clients.updateConsentScreen(auth.principal(ctx), ctx.pathParam("p"),
                    present(body, "applicationName"), present(body, "supportEmail"), present(body, "homepage"))));
        });
    }

    /** A field given (even as "" to clear it) versus a field left out. */
    private static Optional<String> present(ObjectNode body, String field) {
        return body.has(field) ? Optional.of(Optional.ofNullable(Json.text(body, field)).orElse("")) : Optional.empty();
    }

    private static List<String> strings(ObjectNode body, String field) {
        String[] values = Json.bind(body, field, String[].class);
        if (values != null && Arrays.stream(values).anyMatch(v -> v == null)) {
            throw dev.tollgate.protocol.ApiError.INVALID_ARGUMENT.exception(field + " must not contain null.");
        }
        return values == null ? List.of() : List.of(values);
    }

    private static void ok(Context ctx, Object body) {
        ctx.status(200).contentType("application/json; charset=UTF-8").result(Json.write(body));
    }
}
