package dev.tollgate.server.gateway;

import dev.tollgate.core.gateway.GatewayCall;
import dev.tollgate.core.gateway.GatewayOutcome;
import dev.tollgate.core.gateway.GatewayRequest;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.server.http.PeerAddress;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Optional;

/**
 * {@code /{api}/{version}/…}: the HTTP side of a {@link GatewayCall}. Reads the request once into a
 * {@link GatewayRequest}, lets the call run against the backend, and renders a refusal as Google's
 * JSON error.
 */
public final class GatewayHandler implements Handler {
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

    @Override
    public void handle(Context ctx) {
        long start = System.nanoTime();
        if (apiHost.isPresent() && !apiHost.get().equalsIgnoreCase(hostName(ctx.header("Host")))) {
            throw ApiError.NOT_FOUND.exception("The requested URL was not found on this server.");
        }
        GatewayOutcome outcome = call.serve(request(ctx), proxy.exchange(ctx));
        metrics.record(outcome.method().orElse(null), outcome.status(), System.nanoTime() - start);
        if (outcome instanceof GatewayOutcome.Refused refused) {
            throw refused.error();
        }
    }

    private static GatewayRequest request(Context ctx) {
        String query = ctx.req().getQueryString();
        var app = new GatewayRequest.AppHeaders(header(ctx, "Referer"), header(ctx, "X-Android-Package"),
                header(ctx, "X-Android-Cert"), header(ctx, "X-Ios-Bundle-Identifier"));
        return new GatewayRequest(ctx.method().name(), ctx.req().getRequestURI(), query == null ? "" : query, header(ctx, "Host"),
                ctx.req().isSecure(), PeerAddress.of(ctx), ctx.req().getContentLengthLong(), header(ctx, "X-Forwarded-For"),
                header(ctx, "X-Goog-Api-Key"), header(ctx, "Authorization"), app);
    }

    private static Optional<String> header(Context ctx, String name) {
        return Optional.ofNullable(ctx.header(name));
    }

    /** The host name of a Host header, without its port. */
    static String hostName(String host) {
        if (host == null) {
            return "";
        }
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close < 0 ? host : host.substring(0, close + 1);
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }
}
