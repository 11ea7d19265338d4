package dev.tollgate.server.http;

import dev.tollgate.protocol.ApiErrorBody;
import dev.tollgate.protocol.ApiException;
import dev.tollgate.protocol.OAuthError;
import dev.tollgate.protocol.OAuthErrorBody;
import dev.tollgate.protocol.OAuthException;
import io.javalin.http.Context;

/** One writer per wire format: Google's JSON error body, and RFC 6749 §5.2. */
public final class ErrorWriters {
    private ErrorWriters() {}

    public static void api(Context ctx, ApiException e) {
        switch (e.error()) {
            case ACCESS_TOKEN_INVALID, ACCESS_TOKEN_EXPIRED ->
                    ctx.header("WWW-Authenticate", "Bearer realm=\"tollgate\", error=\"invalid_token\"");
            case ACCESS_TOKEN_SCOPE_INSUFFICIENT ->
                    ctx.header("WWW-Authenticate", "Bearer realm=\"tollgate\", error=\"insufficient_scope\"");
            case CREDENTIALS_MISSING_AUTHORIZED, UNAUTHENTICATED -> ctx.header("WWW-Authenticate", "Bearer realm=\"tollgate\"");
            default -> { }
        }
        e.retryAfterSeconds().ifPresent(seconds -> ctx.header("Retry-After", Long.toString(seconds)));
        ctx.status(e.error().httpStatus()).contentType("application/json; charset=UTF-8").result(Json.write(ApiErrorBody.of(e)));
    }

    public static void oauth(Context ctx, OAuthException e, boolean clientUsedBasic) {
        if (e.error() == OAuthError.INVALID_CLIENT && clientUsedBasic) {
            ctx.header("WWW-Authenticate", "Basic realm=\"tollgate\"");
        }
        noStore(ctx);
        ctx.status(e.error().httpStatus()).contentType("application/json; charset=UTF-8").result(Json.write(OAuthErrorBody.of(e)));
    }

    public static void noStore(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("Pragma", "no-cache");
    }
}
