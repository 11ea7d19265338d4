package dev.tollgate.server.cors;

import dev.tollgate.core.cors.CorsAnswer;
import dev.tollgate.core.cors.CorsHeaders;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.server.http.ErrorWriters;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;

/** Writes what the CORS policies decided onto answers: Javalin's, or the gateway's servlet answers. */
final class CorsResponses {
    private CorsResponses() {}

    static boolean isOptions(Context ctx) {
        return ctx.method() == HandlerType.OPTIONS;
    }

    static void apply(Context ctx, Map<String, String> headers) {
        apply(ctx.res(), headers);
    }

    /** Adds the headers; {@code Vary} is added to any the answer already has, the others replace. */
    static void apply(HttpServletResponse res, Map<String, String> headers) {
        headers.forEach((name, value) -> {
            if (name.equals(CorsHeaders.VARY)) {
                res.addHeader(name, value);
            } else {
                res.setHeader(name, value);
            }
        });
    }

    /**
     * After a backend answered: its own {@code Access-Control-*} headers go (they would contradict
     * the catalog, or allow credentials) and Tollgate's are set again.
     */
    static void replaceForeign(HttpServletResponse res, Map<String, String> ours) {
        if (res.isCommitted()) {
            return; // the backend's were never passed on (BackendProxy), and nothing can be changed now
        }
        for (String name : new ArrayList<>(res.getHeaderNames())) {
            if (name.toLowerCase(Locale.ROOT).startsWith(CorsHeaders.PREFIX)) {
                res.setHeader(name, null);
            }
        }
        ours.forEach((name, value) -> {
            if (!name.equals(CorsHeaders.VARY)) {
                res.setHeader(name, value);
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

    static void answer(HttpServletResponse res, CorsAnswer answer) throws IOException {
        apply(res, answer.headers());
        if (answer instanceof CorsAnswer.Refused refused) {
            ErrorWriters.api(res, ApiError.CORS_REQUEST_BLOCKED.exception(refused.reason()));
        } else {
            res.setStatus(204);
        }
    }
}
