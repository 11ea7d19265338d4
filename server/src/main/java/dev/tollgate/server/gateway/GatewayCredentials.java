package dev.tollgate.server.gateway;

import dev.tollgate.core.gateway.GatewayQuery;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.server.http.Bearer;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Reads a gateway call's credentials: {@code key=} or {@code X-Goog-Api-Key}, and a bearer token from
 * {@code Authorization} or {@code access_token=}/{@code oauth_token=} (as Google accepts). The query
 * parameters come from {@link GatewayQuery}, the same parse that strips them from the forwarded query.
 */
final class GatewayCredentials {
    private GatewayCredentials() {}

    static Optional<String> apiKey(Context ctx, GatewayQuery query) {
        Optional<String> fromQuery = query.key();
        String fromHeader = ctx.header("X-Goog-Api-Key");
        if (fromQuery.isPresent() && fromHeader != null && !fromHeader.equals(fromQuery.get())) {
            throw ApiError.API_KEY_INVALID.exception("The key parameter and the X-Goog-Api-Key header name different keys.");
        }
        return fromQuery.isPresent() ? fromQuery : Optional.ofNullable(fromHeader);
    }

    static Optional<String> bearer(Context ctx, GatewayQuery query) {
        Optional<String> fromHeader = Bearer.token(ctx);
        Optional<String> fromQuery = query.accessToken();
        if (fromHeader.isPresent() && fromQuery.isPresent()) {
            throw ApiError.ACCESS_TOKEN_INVALID.exception("Send the access token either in the Authorization header or as access_token, not both.");
        }
        return fromHeader.isPresent() ? fromHeader : fromQuery;
    }
}
