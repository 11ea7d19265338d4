package dev.tollgate.server.admin;

import dev.tollgate.core.access.BearerAuthenticator;
import dev.tollgate.core.principal.Principal;
import dev.tollgate.core.token.AccessToken;
import dev.tollgate.core.token.KnownScopes;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.server.http.Bearer;
import io.javalin.http.Context;

/** The admin API is called with an access token that carries the {@code admin} scope. */
public final class AdminAuthenticator {
    private final BearerAuthenticator bearer;

    public AdminAuthenticator(BearerAuthenticator bearer) {
        this.bearer = bearer;
    }

    public Principal principal(Context ctx) {
        String token = Bearer.token(ctx).orElseThrow(() -> ApiError.UNAUTHENTICATED.exception(
                "Request is missing required authentication credential. Expected an OAuth 2 access token with the admin scope."));
        AccessToken record = bearer.authenticate(token).orThrow();
        if (!record.scopes().contains(KnownScopes.ADMIN)) {
            throw ApiError.ACCESS_TOKEN_SCOPE_INSUFFICIENT.exception("Request had insufficient authentication scopes. The admin API needs the admin scope.");
        }
        return record.principal();
    }
}
