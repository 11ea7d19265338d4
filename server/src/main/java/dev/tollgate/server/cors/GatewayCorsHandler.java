package dev.tollgate.server.cors;

import dev.tollgate.core.cors.GatewayCors;
import dev.tollgate.core.cors.Preflight;
import dev.tollgate.core.gateway.GatewayPath;
import dev.tollgate.server.gateway.GatewayHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * CORS around the gateway: answers preflights itself (never forwarded and never charged, as they
 * carry no credential) and gives every other answer of the gateway, its own errors included, the
 * CORS headers the catalog allows. An {@code OPTIONS} that is not a preflight goes to the gateway
 * like any call.
 */
public final class GatewayCorsHandler {
    private final GatewayHandler gateway;
    private final GatewayCors cors;
    private final Optional<String> apiHost;

    /** @param apiHost the only host name the gateway answers on, when {@code --api-host} is set; elsewhere it is a 404 without CORS */
    public GatewayCorsHandler(GatewayHandler gateway, GatewayCors cors, Optional<String> apiHost) {
        this.gateway = gateway;
        this.cors = cors;
        this.apiHost = apiHost;
    }

    public void handle(HttpServletRequest req, HttpServletResponse res) throws IOException {
        if (apiHost.isPresent() && !apiHost.get().equalsIgnoreCase(req.getServerName())) {
            gateway.handle(req, res);
            return;
        }
        String path = req.getRequestURI();
        if ("OPTIONS".equals(req.getMethod())) {
            Optional<Preflight> preflight = Preflight.of(req.getHeader("Origin"), req.getHeader("Access-Control-Request-Method"),
                    req.getHeader("Access-Control-Request-Headers"));
            if (preflight.isPresent()) {
                // The gateway's own path rules first: a preflight is matched against the catalog only for a path it would serve.
                GatewayPath.check(path);
                CorsResponses.answer(res, cors.preflight(path, preflight.get()));
                return;
            }
            gateway.handle(req, res);
            return;
        }
        Map<String, String> headers = cors.forCall(path, req.getHeader("Origin"));
        CorsResponses.apply(res, headers);
        gateway.handle(req, res);
        CorsResponses.replaceForeign(res, headers);
    }
}
