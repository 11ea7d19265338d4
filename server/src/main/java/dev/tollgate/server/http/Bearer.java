package dev.tollgate.server.http;

import dev.tollgate.protocol.ApiError;
import io.javalin.http.Context;
import java.util.Optional;

/** Reads {@code Authorization: Bearer TOKEN} (RFC 6750 §2.1). */
public final class Bearer {
    private Bearer() {}

    public static Optional<String> token(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null) {
            return Optional.empty();
        }
        if (header.length() > 7 && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = header.substring(7).trim();
            if (!token.isEmpty() && token.length() <= 4096) {
                return Optional.of(token);
            }
        }
        throw ApiError.ACCESS_TOKEN_INVALID.exception("Request had invalid authentication credentials: the Authorization header must be 'Bearer TOKEN'.");
    }
}
