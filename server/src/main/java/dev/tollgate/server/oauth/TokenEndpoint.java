package dev.tollgate.server.oauth;

import dev.tollgate.core.token.TokenService;
import dev.tollgate.protocol.FormBody;
import dev.tollgate.protocol.OAuthError;
import dev.tollgate.protocol.OAuthException;
import dev.tollgate.protocol.TokenRequest;
import dev.tollgate.server.http.ErrorWriters;
import dev.tollgate.server.http.Json;
import io.javalin.http.Context;
import java.util.Optional;

/** {@code POST /token}: parse → one domain call → render. */
public final class TokenEndpoint {
    private final TokenService tokens;

    public TokenEndpoint(TokenService tokens) {
        this.tokens = tokens;
    }

    public void handle(Context ctx) {
        Optional<String> authorization = Optional.ofNullable(ctx.header("Authorization"));
        try {
            TokenRequest request = TokenRequest.parse(form(ctx), authorization);
            ErrorWriters.noStore(ctx);
            ctx.contentType("application/json; charset=UTF-8").result(Json.write(tokens.issue(request)));
        } catch (OAuthException e) {
            ErrorWriters.oauth(ctx, e, authorization.isPresent());
        }
    }

    static FormBody form(Context ctx) throws OAuthException {
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw OAuthError.INVALID_REQUEST.exception("The request body must be application/x-www-form-urlencoded.");
        }
        if (!ctx.queryParamMap().isEmpty()) {
            // RFC 6749 §3.2: parameters go in the body, never the URL where logs keep them.
            throw OAuthError.INVALID_REQUEST.exception("Token endpoint parameters must be sent in the request body.");
        }
        try {
            return new FormBody(ctx.formParamMap());
        } catch (RuntimeException e) {
            throw OAuthError.INVALID_REQUEST.exception("The request body is not a valid form.");
        }
    }
}
