package dev.tollgate.core.gateway;

import dev.tollgate.protocol.ApiError;
import java.util.Optional;

/**
 * Reads a gateway call's credentials: {@code key=} or {@code X-Goog-Api-Key}, and a bearer token from
 * {@code Authorization} or {@code access_token=}/{@code oauth_token=} (as Google accepts). The query
 * parameters come from {@link GatewayQuery}, the same parse that strips them from the forwarded query.
 */
final class GatewayCredentials {
    private static final int MAX_TOKEN = 4096;

    private GatewayCredentials() {}

    static Optional<String> apiKey(GatewayRequest request, GatewayQuery query) {
        Optional<String> fromQuery = query.key();
        Optional<String> fromHeader = request.apiKeyHeader();
        if (fromQuery.isPresent() && fromHeader.isPresent() && !fromHeader.get().equals(fromQuery.get())) {
            throw ApiError.API_KEY_INVALID.exception("The key parameter and the X-Goog-Api-Key header name different keys.");
        }
        return fromQuery.isPresent() ? fromQuery : fromHeader;
    }

    static Optional<String> bearer(GatewayRequest request, GatewayQuery query) {
        Optional<String> fromHeader = request.authorization().map(GatewayCredentials::bearerToken);
        Optional<String> fromQuery = query.accessToken();
        if (fromHeader.isPresent() && fromQuery.isPresent()) {
            throw ApiError.ACCESS_TOKEN_INVALID.exception("Send the access token either in the Authorization header or as access_token, not both.");
        }
        return fromHeader.isPresent() ? fromHeader : fromQuery;
    }

    /** {@code Authorization: Bearer TOKEN} (RFC 6750 §2.1); any other scheme or shape is refused, never ignored. */
    private static String bearerToken(String header) {
        if (header.length() > 7 && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = header.substring(7).trim();
            if (!token.isEmpty() && token.length() <= MAX_TOKEN) {
                return token;
            }
        }
        throw ApiError.ACCESS_TOKEN_INVALID.exception("Request had invalid authentication credentials: the Authorization header must be 'Bearer TOKEN'.");
    }
}
