package dev.tollgate.server.cors;

import dev.tollgate.core.cors.GatewayCors;
import dev.tollgate.core.cors.Preflight;
import dev.tollgate.core.gateway.GatewayPath;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Map;
import java.util.Optional;

/**
 * CORS around the gateway: answers preflights itself (never forwarded and never charged, as they
 * carry no credential) and gives every other answer of the gateway, its own errors included, the
 * CORS headers the catalog allows. An {@code OPTIONS} that is not a preflight goes to the gateway
 * like any call.
 */
public final class GatewayCorsHandler implements Handler {
    private final Handler gateway;
    private final GatewayCors cors;
    private final Optional<String> apiHost;

    /** @param apiHost the only host name the gateway answers on, when {@code --api-host} is set; elsewhere it is a 404 without CORS */
    public GatewayCorsHandler(Handler gateway, GatewayCors cors, Optional<String> apiHost) {
        this.gateway = gateway;
        this.cors = cors;
        this.apiHost = apiHost;
    }

    @Override
    public void handle(Context ctx) throws Exception {
        if (apiHost.isPresent() && !apiHost.get().equalsIgnoreCase(ctx.req().getServerName())) {
            gateway.handle(ctx);
            return;
        }
        String path = ctx.req().getRequestURI();
        if (CorsResponses.isOptions(ctx)) {
            Optional<Preflight> preflight = Preflight.of(ctx.header("Origin"), ctx.header("Access-Control-Request-Method"),
                    ctx.header("Access-Control-Request-Headers"));
            if (preflight.isPresent()) {
                // The gateway's own path rules first: a preflight is matched against the catalog only for a path it would serve.
                GatewayPath.check(path);
                CorsResponses.answer(ctx, cors.preflight(path, preflight.get()));
                return;
            }
            gateway.handle(ctx);
            return;
        }
        Map<String, String> headers = cors.forCall(path, ctx.header("Origin"));
        CorsResponses.apply(ctx, headers);
        gateway.handle(ctx);
        CorsResponses.replaceForeign(ctx, headers);
    }
}
