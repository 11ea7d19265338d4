package dev.tollgate.server.oauth;

import dev.tollgate.protocol.FormBody;
import dev.tollgate.protocol.OAuthError;
import dev.tollgate.protocol.OAuthException;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The form of an OAuth POST: {@code application/x-www-form-urlencoded}, in the body only, read with
 * {@link FormBody#parse} whether Javalin or {@link OAuthDispatch} received the request.
 */
final class OAuthForms {
    /** As large as Javalin lets any request body be ({@code HttpServer}). */
    static final int MAX_BODY = 1_000_000;

    private OAuthForms() {}

    static FormBody of(Context ctx) throws OAuthException {
        checkShape(ctx.contentType(), ctx.queryString());
        String body;
        try {
            body = ctx.body();
        } catch (RuntimeException e) { // too large, or cut off
            throw OAuthError.INVALID_REQUEST.exception("The request body could not be read.");
        }
        return FormBody.parse(body);
    }

    static FormBody of(HttpServletRequest req) throws OAuthException, IOException {
        checkShape(req.getContentType(), req.getQueryString());
        byte[] body;
        try {
            body = req.getInputStream().readNBytes(MAX_BODY + 1);
        } catch (RuntimeException e) { // Jetty's refusal of a malformed chunked body
            throw OAuthError.INVALID_REQUEST.exception("The request body could not be read.");
        }
        if (body.length > MAX_BODY) {
            throw OAuthError.INVALID_REQUEST.exception("The request body could not be read.");
        }
        return FormBody.parse(new String(body, StandardCharsets.UTF_8));
    }

    private static void checkShape(String contentType, String query) throws OAuthException {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw OAuthError.INVALID_REQUEST.exception("The request body must be application/x-www-form-urlencoded.");
        }
        if (query != null && !query.isEmpty()) {
            // RFC 6749 §3.2: parameters go in the body, never the URL where logs keep them.
            throw OAuthError.INVALID_REQUEST.exception("Token endpoint parameters must be sent in the request body.");
        }
    }
}
