package dev.tollgate.server.discovery;

import dev.tollgate.core.catalog.ApiCatalog;
import dev.tollgate.core.catalog.ApiDefinition;
import dev.tollgate.core.discovery.DiscoveryDocuments;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.server.http.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * The API Discovery Service: {@code /discovery/v1/apis} (the directory) and each API's Discovery
 * document, at {@code /discovery/v1/apis/{api}/{version}/rest} and, as Google also serves it, at
 * {@code /{api}/{version}/$discovery/rest}. Public, like Google's: the documents describe the
 * catalog, which is no secret, and libraries fetch them before they hold any credential.
 */
public final class DiscoveryRoutes {

    private final ApiCatalog catalog;
    private final DiscoveryDocuments documents;

    public DiscoveryRoutes(ApiCatalog catalog, DiscoveryDocuments documents) {
        this.catalog = catalog;
        this.documents = documents;
    }

    /** Register before the gateway's {@code /{api}/{version}/<rest>} routes, so these are not forwarded. */
    public void register(Javalin app) {
        app.get("/discovery/v1/apis", this::directory);
        app.get("/discovery/v1/apis/{api}/{version}/rest", ctx -> restDescription(ctx, ctx.pathParam("api"), ctx.pathParam("version")));
        for (ApiDefinition api : catalog.apis()) {
            app.get("/" + api.name() + "/" + api.version() + "/$discovery/rest", ctx -> restDescription(ctx, api.name(), api.version()));
        }
    }

    private void directory(Context ctx) {
        String preferred = ctx.queryParam("preferred");
        if (preferred != null && !preferred.equals("true") && !preferred.equals("false")) {
            throw ApiError.INVALID_ARGUMENT.exception("Invalid value for 'preferred': it must be true or false.");
        }
        json(ctx, documents.directory(Optional.ofNullable(ctx.queryParam("name")), "true".equals(preferred)));
    }

    private void restDescription(Context ctx, String api, String version) {
        json(ctx, documents.restDescription(api, version).orElseThrow(() ->
                ApiError.NOT_FOUND.exception("Discovery document not found for API service: " + shortened(api) + " " + shortened(version))));
    }

    private static String shortened(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }

    private static void json(Context ctx, Object body) {
        ctx.contentType("application/json; charset=UTF-8").result(Json.write(body));
    }
}
