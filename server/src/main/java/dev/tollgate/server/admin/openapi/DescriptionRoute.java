package dev.tollgate.server.admin.openapi;

import dev.tollgate.core.secret.Secrets;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /admin/v1/openapi.json}: the admin API's description, for anyone (it holds nothing
 * secret) and cacheable, unlike the rest of {@code /admin}, whose answers are {@code no-store}.
 */
public final class DescriptionRoute {
    private static final String CACHE_CONTROL = "public, max-age=3600";

    private final byte[] document = AdminApiDescription.bytes();
    private final String etag = "\"" + Secrets.hash(new String(document, StandardCharsets.UTF_8)).substring(0, 32) + "\"";

    public void register(Javalin app) {
        app.get(AdminApiDescription.PATH, this::serve);
    }

    private void serve(Context ctx) {
        // Replaces the no-store that every /admin answer starts with.
        ctx.header("Cache-Control", CACHE_CONTROL);
        ctx.res().setHeader("Pragma", null);
        ctx.header("ETag", etag);
        String ifNoneMatch = ctx.header("If-None-Match");
        if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.strip().equals("*"))) {
            ctx.status(304);
            return;
        }
        ctx.status(200).contentType("application/json; charset=UTF-8").result(document);
    }
}
