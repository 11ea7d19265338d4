package dev.tollgate.server.cors;

import dev.tollgate.core.cors.CorsAnswer;
import dev.tollgate.core.cors.CorsHeaders;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.server.http.ErrorWriters;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;

/** Writes what the CORS policies decided onto Javalin answers. */
final class CorsResponses {
    private CorsResponses() {}

    static boolean isOptions(Context ctx) {
        return ctx.method() == HandlerType.OPTIONS;
    }

    /** Adds the headers; {@code Vary} is added to any the answer already has, the others replace. */
    static void apply(Context ctx, Map<String, String> headers) {
        headers.forEach((name, value) -> {
            if (name.equals(CorsHeaders.VARY)) {
                ctx.res().addHeader(name, value);
            } else {
                ctx.res().setHeader(name, value);
            }
        });
    }

    /**
     * After a backend answered: its own {@code Access-Control-*} headers go (they would contradict
     * the catalog, or allow credentials) and Tollgate's are set again.
     */
    static void replaceForeign(Context ctx, Map<String, String> ours) {
        for (String name : new ArrayList<>(ctx.res().getHeaderNames())) {
            if (name.toLowerCase(Locale.ROOT).startsWith(CorsHeaders.PREFIX)) {
                ctx.res().setHeader(name, null);
            }
        }
        ours.forEach((name, value) -> {
            if (!name.equals(CorsHeaders.VARY)) {
                ctx.res().setHeader(name, value);
            }
        });
    }

    /** An allowed preflight is 204 with its headers; a refused one says why, without CORS headers, so the browser refuses. */
    static void answer(Context ctx, CorsAnswer answer) {
        apply(ctx, answer.headers());
        if (answer instanceof CorsAnswer.Refused refused) {
            ErrorWriters.api(ctx, ApiError.CORS_REQUEST_BLOCKED.exception(refused.reason()));
        } else {
            ctx.status(204);
        }
    }
}
