package dev.tollgate.server.gateway;

import dev.tollgate.protocol.ApiError;
import dev.tollgate.server.http.Bearer;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;

/** Reads a gateway call's credentials: {@code key=} or {@code X-Goog-Api-Key}, and a bearer token. */
final class GatewayCredentials {
    private GatewayCredentials() {}

    static Optional<String> apiKey(Context ctx) {
        List<String> fromQuery = ctx.queryParams("key");
        String fromHeader = ctx.header("X-Goog-Api-Key");
        if (fromQuery.size() > 1) {
            throw ApiError.API_KEY_INVALID.exception("The key parameter was sent more than once.");
        }
        Optional<String> query = fromQuery.isEmpty() ? Optional.empty() : Optional.of(fromQuery.get(0));
        if (query.isPresent() && fromHeader != null && !fromHeader.equals(query.get())) {
            throw ApiError.API_KEY_INVALID.exception("The key parameter and the X-Goog-Api-Key header name different keys.");
        }
        return query.isPresent() ? query : Optional.ofNullable(fromHeader);
    }

    static Optional<String> bearer(Context ctx) {
        return Bearer.token(ctx);
    }
}
