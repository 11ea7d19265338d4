package dev.tollgate.server.http;

import dev.tollgate.protocol.ApiErrorBody;
import dev.tollgate.protocol.ApiException;
import dev.tollgate.protocol.OAuthError;
import dev.tollgate.protocol.OAuthErrorBody;
import dev.tollgate.protocol.OAuthException;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

/**
 * One writer per wire format: Google's JSON error body, and RFC 6749 §5.2. Each is written onto a
 * Javalin answer, or straight onto a servlet answer for what Javalin does not route (the gateway,
 * {@code OAuthDispatch}).
 */
public final class ErrorWriters {
    private static final String JSON = "application/json; charset=UTF-8";

    private ErrorWriters() {}

    public static void api(Context ctx, ApiException e) {
        apiHeaders(e, ctx::header);
        ctx.status(e.error().httpStatus()).contentType(JSON).result(Json.write(ApiErrorBody.of(e)));
    }

    /** The same answer as {@link #api(Context, ApiException)}, written at once; nothing when the answer has already begun. */
    public static void api(HttpServletResponse res, ApiException e) throws IOException {
        if (res.isCommitted()) {
            return;
        }
        apiHeaders(e, res::setHeader);
        byte[] body = Json.write(ApiErrorBody.of(e)).getBytes(StandardCharsets.UTF_8);
        res.setStatus(e.error().httpStatus());
        res.setContentType(JSON);
        res.setContentLength(body.length);
        res.getOutputStream().write(body);
    }

    /** Google's JSON error body for {@code e}, its headers ({@code WWW-Authenticate}, {@code Retry-After}) given to {@code header}: for listeners that are not Jetty's. */
    public static String api(ApiException e, BiConsumer<String, String> header) {
        apiHeaders(e, header);
        return Json.write(ApiErrorBody.of(e));
    }

    private static void apiHeaders(ApiException e, BiConsumer<String, String> header) {
        switch (e.error()) {
            case ACCESS_TOKEN_INVALID, ACCESS_TOKEN_EXPIRED ->
                    header.accept("WWW-Authenticate", "Bearer realm=\"tollgate\", error=\"invalid_token\"");
            case ACCESS_TOKEN_SCOPE_INSUFFICIENT ->
                    header.accept("WWW-Authenticate", "Bearer realm=\"tollgate\", error=\"insufficient_scope\"");
            case CREDENTIALS_MISSING_AUTHORIZED, UNAUTHENTICATED -> header.accept("WWW-Authenticate", "Bearer realm=\"tollgate\"");
            default -> { }
        }
        e.retryAfterSeconds().ifPresent(seconds -> header.accept("Retry-After", Long.toString(seconds)));
    }

    public static void oauth(Context ctx, OAuthException e, boolean clientUsedBasic) {
        if (e.error() == OAuthError.INVALID_CLIENT && clientUsedBasic) {
            ctx.header("WWW-Authenticate", "Basic realm=\"tollgate\"");
        }
        noStore(ctx);
        ctx.status(e.error().httpStatus()).contentType(JSON).result(Json.write(OAuthErrorBody.of(e)));
    }

    /** The same answer as {@link #oauth(Context, OAuthException, boolean)}, written at once; nothing when the answer has already begun. */
    public static void oauth(HttpServletResponse res, OAuthException e, boolean clientUsedBasic) throws IOException {
        if (res.isCommitted()) {
            return;
        }
        if (e.error() == OAuthError.INVALID_CLIENT && clientUsedBasic) {
            res.setHeader("WWW-Authenticate", "Basic realm=\"tollgate\"");
        }
        noStoreJson(res, e.error().httpStatus(), Json.write(OAuthErrorBody.of(e)));
    }

    public static void noStore(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("Pragma", "no-cache");
    }

    /** An answer that holds tokens or says something about one: JSON that no cache keeps (RFC 6749 §5.1). */
    public static void noStoreJson(HttpServletResponse res, int status, String json) throws IOException {
        res.setHeader("Cache-Control", "no-store");
        res.setHeader("Pragma", "no-cache");
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        res.setStatus(status);
        res.setContentType(JSON);
        res.setContentLength(body.length);
        res.getOutputStream().write(body);
    }
}
