package dev.tollgate.server.gateway;

import dev.tollgate.core.catalog.ApiDefinition;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.protocol.ApiException;
import dev.tollgate.server.cors.GatewayCorsHandler;
import dev.tollgate.server.http.ErrorWriters;
import dev.tollgate.server.http.SecurityHeaders;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the calls of catalog APIs ({@code /{api}/{version}/…}) to the gateway before Javalin sees
 * them; every other request goes on to Javalin's routes. A gateway call is one lookup of its first
 * two path segments instead of Javalin's matching of every before-, after- and route handler's
 * pattern against the path (docs/BENCHMARKS.md §4). Catalog API names cannot be those of Tollgate's
 * own paths ({@code Tollgate.RESERVED_API_NAMES}), so nothing Javalin serves is taken away.
 */
public final class GatewayDispatch implements Filter {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayDispatch.class);

    private static final String DISCOVERY_DOCUMENT = "$discovery/rest";

    private final Set<String> prefixes;
    private final GatewayCorsHandler gateway;

    public GatewayDispatch(List<ApiDefinition> apis, GatewayCorsHandler gateway) {
        this.prefixes = apis.stream().map(api -> "/" + api.name() + "/" + api.version() + "/").collect(Collectors.toUnmodifiableSet());
        this.gateway = gateway;
    }

    /**
     * Whether a raw request path is a call of a catalog API: its first two segments name one, and it is
     * not that API's Discovery document ({@code …/$discovery/rest}, served by Javalin's routes).
     */
    public boolean isGatewayPath(String path) {
        if (path == null || !path.startsWith("/")) {
            return false;
        }
        int apiEnd = path.indexOf('/', 1);
        int versionEnd = apiEnd < 0 ? -1 : path.indexOf('/', apiEnd + 1);
        return versionEnd > 0 && prefixes.contains(path.substring(0, versionEnd + 1))
                && !path.substring(versionEnd + 1).equals(DISCOVERY_DOCUMENT);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        var req = (HttpServletRequest) request;
        if (!isGatewayPath(req.getRequestURI())) {
            chain.doFilter(request, response);
            return;
        }
        var res = (HttpServletResponse) response;
        SecurityHeaders.apply(res);
        try {
            gateway.handle(req, res);
        } catch (ApiException e) {
            ErrorWriters.api(res, e);
        } catch (RuntimeException e) {
            LOG.error("Unexpected error on {} {}", req.getMethod(), req.getRequestURI(), e);
            ErrorWriters.api(res, ApiError.INTERNAL.exception());
        }
    }
}
