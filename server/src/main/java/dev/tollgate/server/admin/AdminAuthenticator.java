package dev.tollgate.server.admin;

import dev.tollgate.core.access.CredentialCache;
import dev.tollgate.core.access.Principal;
import dev.tollgate.core.secret.SecretKind;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.core.token.AccessToken;
import dev.tollgate.core.token.KnownScopes;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.server.http.Bearer;
import io.javalin.http.Context;
import java.time.Clock;

/** The admin API is called with an access token that carries the {@code admin} scope. */
public final class AdminAuthenticator {
    private final CredentialCache cache;
    private final Clock clock;

    public AdminAuthenticator(CredentialCache cache, Clock clock) {
        this.cache = cache;
        this.clock = clock;
    }

    public Principal principal(Context ctx) {
        String token = Bearer.token(ctx).orElseThrow(() -> ApiError.UNAUTHENTICATED.exception(
                "Request is missing required authentication credential. Expected an OAuth 2 access token with the admin scope."));
        if (!Secrets.isWellFormed(SecretKind.ACCESS_TOKEN, token)) {
            throw ApiError.ACCESS_TOKEN_INVALID.exception();
        }
        AccessToken record = cache.token(Secrets.hash(token)).filter(t -> !t.revoked())
                .orElseThrow(ApiError.ACCESS_TOKEN_INVALID::exception);
        if (record.isExpiredAt(clock.instant())) {
            throw ApiError.ACCESS_TOKEN_EXPIRED.exception();
        }
        if (!record.scopes().contains(KnownScopes.ADMIN)) {
            throw ApiError.ACCESS_TOKEN_SCOPE_INSUFFICIENT.exception("Request had insufficient authentication scopes. The admin API needs the admin scope.");
        }
        return record.principal();
    }
}
