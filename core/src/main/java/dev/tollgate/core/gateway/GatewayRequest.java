package dev.tollgate.core.gateway;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * What the gateway reads of one HTTP request, taken from it once at the edge. Headers that travel
 * on to the backend are not here: the server's {@link BackendExchange} forwards those it may.
 *
 * @param method the HTTP method, upper case
 * @param path the request target's path exactly as sent, not decoded
 * @param rawQuery the query exactly as sent, empty when there is none
 * @param host the {@code Host} header
 * @param secure whether the request came over TLS
 * @param peer the address of the connection's other end
 * @param declaredLength the {@code Content-Length}, or -1
 */
public record GatewayRequest(String method, String path, String rawQuery, Optional<String> host, boolean secure, InetAddress peer,
                             long declaredLength, Optional<String> forwardedFor, Optional<String> apiKeyHeader,
                             Optional<String> authorization, AppHeaders app) {

    /** The headers a key's application restrictions look at. */
    public record AppHeaders(Optional<String> referer, Optional<String> androidPackage, Optional<String> androidCert,
                             Optional<String> iosBundleId) {
        public static final AppHeaders NONE = new AppHeaders(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public GatewayRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(rawQuery, "rawQuery");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(forwardedFor, "forwardedFor");
        Objects.requireNonNull(apiKeyHeader, "apiKeyHeader");
        Objects.requireNonNull(authorization, "authorization");
        Objects.requireNonNull(app, "app");
    }
}
