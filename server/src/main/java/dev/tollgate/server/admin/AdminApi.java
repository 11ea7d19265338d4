package dev.tollgate.server.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.key.ApiKeyService;
import dev.tollgate.core.key.KeyRestrictions;
import dev.tollgate.core.principal.Principal;
import dev.tollgate.core.project.Role;
import dev.tollgate.core.projectadmin.ProjectService;
import dev.tollgate.core.serviceaccount.ServiceAccountService;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.protocol.admin.ApiKeyResource;
import dev.tollgate.protocol.admin.Member;
import dev.tollgate.protocol.admin.Project;
import dev.tollgate.protocol.admin.ServiceAccountKeyResource;
import dev.tollgate.protocol.admin.ServiceAccountResource;
import dev.tollgate.protocol.admin.ServiceState;
import dev.tollgate.server.http.ErrorWriters;
import dev.tollgate.server.http.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code /admin/v1}: each handler parses, calls one domain service, renders. */
public final class AdminApi {
    private static final String BASE = "/admin/v1/projects";

    private final AdminAuthenticator auth;
    private final ProjectService projects;
    private final ApiKeyService keys;
    private final ServiceAccountService serviceAccounts;

    public AdminApi(AdminAuthenticator auth, ProjectService projects, ApiKeyService keys, ServiceAccountService serviceAccounts) {
        this.auth = auth;
        this.projects = projects;
        this.keys = keys;
        this.serviceAccounts = serviceAccounts;
    }

    public void register(Javalin app) {
        app.before("/admin/*", ErrorWriters::noStore);

        app.post(BASE, ctx -> {
            ObjectNode body = Json.object(ctx.body(), Set.of("projectId", "displayName"));
            ok(ctx, Resources.project(projects.create(caller(ctx), Json.text(body, "projectId"), Json.text(body, "displayName"))));
        });
        app.get(BASE, ctx -> ok(ctx, new Project.Page(projects.list(caller(ctx)).stream().map(Resources::project).toList())));
        app.get(BASE + "/{p}", ctx -> ok(ctx, Resources.project(projects.get(caller(ctx), ctx.pathParam("p")))));
        app.delete(BASE + "/{p}", ctx -> {
            projects.delete(caller(ctx), ctx.pathParam("p"));
            ok(ctx, Map.of());
        });

        app.get(BASE + "/{p}/services", ctx -> ok(ctx, new ServiceState.Page(
                projects.services(caller(ctx), ctx.pathParam("p")).stream().map(Resources::service).toList())));
        app.post(BASE + "/{p}/services/{api}/enable", ctx -> ok(ctx, Resources.service(
                projects.setServiceEnabled(caller(ctx), ctx.pathParam("p"), ctx.pathParam("api"), true))));
        app.post(BASE + "/{p}/services/{api}/disable", ctx -> ok(ctx, Resources.service(
                projects.setServiceEnabled(caller(ctx), ctx.pathParam("p"), ctx.pathParam("api"), false))));

        app.post(BASE + "/{p}/members", ctx -> {
            ObjectNode body = Json.object(ctx.body(), Set.of("member", "role"));
            var member = projects.putMember(caller(ctx), ctx.pathParam("p"), dev.tollgate.core.principal.Member.parse(Json.text(body, "member")), Role.parse(Json.text(body, "role")));
            ok(ctx, Resources.member(member));
        });
        app.delete(BASE + "/{p}/members/{member}", ctx -> {
            projects.removeMember(caller(ctx), ctx.pathParam("p"), dev.tollgate.core.principal.Member.parse(ctx.pathParam("member")));
            ok(ctx, Map.of());
        });
        app.get(BASE + "/{p}/members", ctx -> ok(ctx, new Member.Page(
                projects.members(caller(ctx), ctx.pathParam("p")).stream().map(Resources::member).toList())));

        registerKeys(app);
        registerServiceAccounts(app);
    }

    private void registerKeys(Javalin app) {
        app.post(BASE + "/{p}/keys", ctx -> {
            ObjectNode body = Json.object(ctx.body(), Set.of("displayName", "restrictions"));
            var created = keys.create(caller(ctx), ctx.pathParam("p"), Json.text(body, "displayName"),
                    Json.bind(body, "restrictions", KeyRestrictions.class));
            ok(ctx, Resources.key(created.key()).withKeyString(created.keyString()));
        });
        app.get(BASE + "/{p}/keys", ctx -> ok(ctx, new ApiKeyResource.Page(
                keys.list(caller(ctx), ctx.pathParam("p")).stream().map(Resources::key).toList())));
        app.get(BASE + "/{p}/keys/{k}", ctx -> ok(ctx, Resources.key(keys.get(caller(ctx), ctx.pathParam("p"), ctx.pathParam("k")))));
        app.patch(BASE + "/{p}/keys/{k}", ctx -> {
            ObjectNode body = Json.object(ctx.body(), Set.of("displayName", "restrictions"));
            Optional<KeyRestrictions> restrictions = body.has("restrictions")
                    ? Optional.of(Optional.ofNullable(Json.bind(body, "restrictions", KeyRestrictions.class)).orElse(KeyRestrictions.NONE))
                    : Optional.empty();
            ok(ctx, Resources.key(keys.update(caller(ctx), ctx.pathParam("p"), ctx.pathParam("k"),
                    Optional.ofNullable(Json.text(body, "displayName")), restrictions)));
        });
        app.delete(BASE + "/{p}/keys/{k}", ctx -> {
            keys.delete(caller(ctx), ctx.pathParam("p"), ctx.pathParam("k"));
            ok(ctx, Map.of());
        });
    }

    private void registerServiceAccounts(Javalin app) {
        String accounts = BASE + "/{p}/serviceAccounts";
        app.post(accounts, ctx -> {
            ObjectNode body = Json.object(ctx.body(), Set.of("accountId", "displayName"));
            ok(ctx, Resources.serviceAccount(serviceAccounts.create(caller(ctx), ctx.pathParam("p"),
                    Json.text(body, "accountId"), Json.text(body, "displayName"))));
        });
        app.get(accounts, ctx -> ok(ctx, new ServiceAccountResource.Page(
                serviceAccounts.list(caller(ctx), ctx.pathParam("p")).stream().map(Resources::serviceAccount).toList())));
        app.get(accounts + "/{sa}", ctx -> ok(ctx, Resources.serviceAccount(
                serviceAccounts.get(caller(ctx), ctx.pathParam("p"), ctx.pathParam("sa")))));
        app.delete(accounts + "/{sa}", ctx -> {
            serviceAccounts.delete(caller(ctx), ctx.pathParam("p"), ctx.pathParam("sa"));
            ok(ctx, Map.of());
        });
        // Google's custom methods: POST …/serviceAccounts/EMAIL:disable and :enable.
        app.post(accounts + "/{sa}", ctx -> {
            Action action = Action.of(ctx.pathParam("sa"), Set.of("disable", "enable"));
            ok(ctx, Resources.serviceAccount(serviceAccounts.setDisabled(caller(ctx), ctx.pathParam("p"), action.target(),
                    action.verb().equals("disable"))));
        });

        String keysPath = accounts + "/{sa}/keys";
        app.post(keysPath, ctx -> {
            Json.object(ctx.body(), Set.of("privateKeyType", "keyAlgorithm"));
            var created = serviceAccounts.createKey(caller(ctx), ctx.pathParam("p"), ctx.pathParam("sa"));
            ok(ctx, Resources.serviceAccountKey(created.key()).withKeyFile(Json.write(created.keyFile())));
        });
        app.post(keysPath + ":upload", ctx -> {
            ObjectNode body = Json.object(ctx.body(), Set.of("publicKeyData"));
            String data = Optional.ofNullable(Json.text(body, "publicKeyData"))
                    .orElseThrow(() -> ApiError.INVALID_ARGUMENT.exception("publicKeyData is required."));
            ok(ctx, Resources.serviceAccountKey(serviceAccounts.uploadKey(caller(ctx), ctx.pathParam("p"), ctx.pathParam("sa"), decodeBase64(data))));
        });
        app.get(keysPath, ctx -> ok(ctx, new ServiceAccountKeyResource.Page(
                serviceAccounts.listKeys(caller(ctx), ctx.pathParam("p"), ctx.pathParam("sa")).stream().map(Resources::serviceAccountKey).toList())));
        app.get(keysPath + "/{key}", ctx -> ok(ctx, Resources.serviceAccountKey(
                serviceAccounts.getKey(caller(ctx), ctx.pathParam("p"), ctx.pathParam("sa"), ctx.pathParam("key")))));
        app.delete(keysPath + "/{key}", ctx -> {
            serviceAccounts.deleteKey(caller(ctx), ctx.pathParam("p"), ctx.pathParam("sa"), ctx.pathParam("key"));
            ok(ctx, Map.of());
        });
        app.post(keysPath + "/{key}", ctx -> {
            Action action = Action.of(ctx.pathParam("key"), Set.of("disable", "enable"));
            ok(ctx, Resources.serviceAccountKey(serviceAccounts.setKeyDisabled(caller(ctx), ctx.pathParam("p"),
                    ctx.pathParam("sa"), action.target(), action.verb().equals("disable"))));
        });
    }

    /** A Google custom method in a path segment: {@code TARGET:VERB}. */
    private record Action(String target, String verb) {
        static Action of(String segment, Set<String> verbs) {
            int colon = segment.lastIndexOf(':');
            if (colon > 0 && verbs.contains(segment.substring(colon + 1))) {
                return new Action(segment.substring(0, colon), segment.substring(colon + 1));
            }
            throw ApiError.NOT_FOUND.exception("Unknown method; expected one of " + verbs + " after ':'.");
        }
    }

    private static String decodeBase64(String data) {
        try {
            return new String(Base64.getMimeDecoder().decode(data), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiError.INVALID_ARGUMENT.exception("publicKeyData must be base64 of a PEM public key or certificate.");
        }
    }

    private Principal caller(Context ctx) {
        return auth.principal(ctx);
    }

    private static void ok(Context ctx, Object body) {
        ctx.status(200).contentType("application/json; charset=UTF-8").result(Json.write(body));
    }
}
