package dev.tollgate.server.gateway;

import dev.tollgate.core.gateway.GatewayCall;
import dev.tollgate.core.gateway.GatewayOutcome;
import dev.tollgate.core.gateway.GatewayRequest;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.server.http.HostHeader;
import dev.tollgate.server.http.PeerAddress;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;

/**
 * {@code /{api}/{version}/…}: the HTTP side of a {@link GatewayCall}. Reads the request once into a
 * {@link GatewayRequest}, lets the call run against the backend, and throws a refusal for the
 * dispatch to render as Google's JSON error.
 */
public final class GatewayHandler {
    private final GatewayCall call;
    private final BackendProxy proxy;
    private final GatewayMetrics metrics;
    private final Optional<String> apiHost;

    /** @param apiHost when present, the only host name the gateway answers on (others: 404) */
    public GatewayHandler(GatewayCall call, BackendProxy proxy, GatewayMetrics metrics, Optional<String> apiHost) {
        this.call = call;
        this.proxy = proxy;
        this.metrics = metrics;
        this.apiHost = apiHost;
    }

    public void handle(HttpServletRequest req, HttpServletResponse res) {
        long start = System.nanoTime();
        if (apiHost.isPresent() && !HostHeader.names(req.getHeader("Host"), apiHost.get())) {
            throw ApiError.NOT_FOUND.exception("The requested URL was not found on this server.");
        }
        var thread = new RequestThread();
        GatewayOutcome outcome = thread.join(call.serve(request(req), proxy.exchange(req, res, thread)));
        metrics.record(outcome.method().orElse(null), outcome.status(), System.nanoTime() - start);
        if (outcome instanceof GatewayOutcome.Refused refused) {
            throw refused.error();
        }
    }

    private static GatewayRequest request(HttpServletRequest req) {
        String query = req.getQueryString();
        var app = new GatewayRequest.AppHeaders(header(req, "Referer"), header(req, "X-Android-Package"),
                header(req, "X-Android-Cert"), header(req, "X-Ios-Bundle-Identifier"));
        return new GatewayRequest(req.getMethod(), req.getRequestURI(), query == null ? "" : query, header(req, "Host"),
                req.isSecure(), PeerAddress.of(req), req.getContentLengthLong(), header(req, "X-Forwarded-For"),
                header(req, "X-Goog-Api-Key"), header(req, "Authorization"), app);
    }

    private static Optional<String> header(HttpServletRequest req, String name) {
        return Optional.ofNullable(req.getHeader(name));
    }
}
