package dev.tollgate.server.gateway;

import dev.tollgate.core.catalog.ApiDefinition;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.server.http.HostHeader;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.List;

/**
 * With {@code --api-host}: on that host name only the gateway and the Discovery documents are served,
 * so an answer from a backend never shares an origin with the sign-in, consent or admin pages; on any
 * other host name the gateway answers 404 ({@link GatewayHandler} checks that side).
 */
public final class ApiHostGuard implements Handler {
    private final String apiHost;
    private final List<String> prefixes;

    public ApiHostGuard(String apiHost, List<ApiDefinition> apis) {
        this.apiHost = apiHost;
        this.prefixes = apis.stream().map(api -> "/" + api.name() + "/" + api.version() + "/").toList();
    }

    @Override
    public void handle(Context ctx) {
        if (!HostHeader.names(ctx.header("Host"), apiHost)) {
            return;
        }
        String path = ctx.req().getRequestURI();
        if (path.startsWith("/discovery/v1/apis")) {
            return;
        }
        for (String prefix : prefixes) {
            if (path.startsWith(prefix)) {
                return;
            }
        }
        throw ApiError.NOT_FOUND.exception("The requested URL was not found on this server.");
    }
}
