package dev.tollgate.server.gateway;

import dev.tollgate.core.access.AccessDecider;
import dev.tollgate.core.access.CallAttempt;
import dev.tollgate.core.access.Caller;
import dev.tollgate.core.catalog.ApiCatalog;
import dev.tollgate.core.catalog.MethodMatch;
import dev.tollgate.core.key.CallOrigin;
import dev.tollgate.core.net.ClientAddressResolver;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.protocol.ApiException;
import dev.tollgate.server.http.PeerAddress;
import dev.tollgate.core.gateway.GatewayPath;
import dev.tollgate.core.gateway.GatewayQuery;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.util.Optional;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /{api}/{version}/…}: match the method, decide access, forward with the verified identity. */
public final class GatewayHandler implements Handler {
    private final ApiCatalog catalog;
    private final AccessDecider decider;
    private final CallAccounting accounting;
    private final ClientAddressResolver addresses;
    private final Backends backends;
    private final BackendProxy proxy;
    private final String builtInSecret;
    private final GatewayMetrics metrics;

    private final Optional<String> apiHost;

    public GatewayHandler(ApiCatalog catalog, AccessDecider decider, CallAccounting accounting,
                          ClientAddressResolver addresses, Backends backends,
                          BackendProxy proxy, String builtInSecret, GatewayMetrics metrics) {
        this(catalog, decider, accounting, addresses, backends, proxy, builtInSecret, metrics, Optional.empty());
    }

    /** @param apiHost when present, the only host name the gateway answers on (others: 404) */
    public GatewayHandler(ApiCatalog catalog, AccessDecider decider, CallAccounting accounting,
                          ClientAddressResolver addresses, Backends backends,
                          BackendProxy proxy, String builtInSecret, GatewayMetrics metrics, Optional<String> apiHost) {
        this.apiHost = apiHost;
        this.catalog = catalog;
        this.decider = decider;
        this.accounting = accounting;
        this.addresses = addresses;
        this.backends = backends;
        this.proxy = proxy;
        this.builtInSecret = builtInSecret;
        this.metrics = metrics;
    }

    @Override
    public void handle(Context ctx) {
        long start = System.nanoTime();
        MethodMatch match = null;
        int status = 500;
        try {
            if (apiHost.isPresent() && !apiHost.get().equalsIgnoreCase(hostName(ctx.header("Host")))) {
                throw ApiError.NOT_FOUND.exception("The requested URL was not found on this server.");
            }
            GatewayPath.check(ctx.req().getRequestURI());
            GatewayQuery query = GatewayQuery.parse(ctx.req().getQueryString());
            match = match(ctx);
            InetAddress client = addresses.resolve(PeerAddress.of(ctx), ctx.header("X-Forwarded-For"));
            Caller caller = decider.decide(attempt(ctx, match, query, client));
            status = serveCharged(ctx, match, caller, query, client, start);
        } catch (ApiException e) {
            status = e.error().httpStatus();
            throw e;
        } finally {
            metrics.record(match, status, System.nanoTime() - start);
        }
    }

    /** A call tied to a project: admitted or not, it is charged and metered. */
    private int serveCharged(Context ctx, MethodMatch match, Caller caller, GatewayQuery query, InetAddress client, long start) {
        long bytesIn = ctx.req().getContentLengthLong();
        try {
            // Everything that can refuse the request itself is checked before any quota is taken.
            Optional<String> quotaUser = caller.token().isPresent() ? Optional.empty() : query.quotaUser();
            HttpRequest request = proxy.prepare(ctx, target(ctx, match, query), identity(match, caller, ctx, client));
            accounting.admit(ctx, caller, match, quotaUser);
            proxy.send(ctx, request);
        } catch (ApiException e) {
            if (e.error() != ApiError.METERING_UNAVAILABLE) {
                accounting.record(caller, match, e.error().httpStatus(), bytesIn, 0, start);
            }
            throw e;
        }
        String length = ctx.res().getHeader("Content-Length");
        accounting.record(caller, match, ctx.statusCode(), bytesIn, length == null ? 0 : parseLength(length), start);
        return ctx.statusCode();
    }

    private static long parseLength(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private MethodMatch match(Context ctx) {
        String uri = ctx.req().getRequestURI();
        int apiEnd = uri.indexOf('/', 1);
        int versionEnd = apiEnd < 0 ? -1 : uri.indexOf('/', apiEnd + 1);
        if (versionEnd < 0) {
            throw ApiError.NOT_FOUND.exception("The requested URL was not found on this server.");
        }
        // HEAD on a GET method is that method: matched, checked, charged and forwarded as HEAD.
        String method = ctx.method() == HandlerType.HEAD ? "GET" : ctx.method().name();
        return catalog.match(uri.substring(1, apiEnd), uri.substring(apiEnd + 1, versionEnd), method, uri.substring(versionEnd))
                .orElseThrow(() -> ApiError.NOT_FOUND.exception("Method not found: " + ctx.method().name() + " " + clip(uri) + "."));
    }

    private CallAttempt attempt(Context ctx, MethodMatch match, GatewayQuery query, InetAddress client) {
        var origin = new CallOrigin(client, ctx.header("Referer"), ctx.header("X-Android-Package"),
                ctx.header("X-Android-Cert"), ctx.header("X-Ios-Bundle-Identifier"));
        return new CallAttempt(match, GatewayCredentials.apiKey(ctx, query), GatewayCredentials.bearer(ctx, query), origin);
    }

    /** The backend's URI: the path that was checked and matched, and the query without Tollgate's parameters. */
    private URI target(Context ctx, MethodMatch match, GatewayQuery query) {
        URI base = backends.baseUri(match.api());
        String uri = ctx.req().getRequestURI();
        String rest = uri.substring(uri.indexOf('/', uri.indexOf('/', 1) + 1));
        String forwarded = query.forwarded();
        try {
            return new URI(base.toString() + rest + (forwarded.isEmpty() ? "" : "?" + forwarded));
        } catch (URISyntaxException e) {
            throw ApiError.INVALID_ARGUMENT.exception("The request URL has characters that are not allowed in a URL.");
        }
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

    private Map<String, String> identity(MethodMatch match, Caller caller, Context ctx, InetAddress client) {
        var headers = new LinkedHashMap<String, String>();
        // Where the call came from, as Tollgate verified it (the trusted-proxies rule), never the caller's own claims.
        String proto = ctx.req().isSecure() ? "https" : "http";
        String host = ctx.header("Host");
        String forwardedFor = client instanceof Inet6Address ? "\"[" + client.getHostAddress() + "]\"" : client.getHostAddress();
        headers.put("Forwarded", "for=" + forwardedFor + ";proto=" + proto
                + (host == null || !ForwardedHost.isToken(host) ? "" : ";host=\"" + host + "\""));
        headers.put("X-Forwarded-For", client.getHostAddress());
        headers.put("X-Forwarded-Proto", proto);
        if (host != null && ForwardedHost.isToken(host)) {
            headers.put("X-Forwarded-Host", host);
        }
        headers.put("X-Tollgate-Project", caller.projectId());
        headers.put("X-Tollgate-Access", caller.access().wireName());
        caller.userEmail().ifPresent(u -> headers.put("X-Tollgate-User", u));
        // Which kind of principal X-Tollgate-User names; absent for simple access (a key names a project only).
        caller.principalKind().ifPresent(k -> headers.put("X-Tollgate-Principal-Type", k.wireName()));
        caller.clientId().ifPresent(c -> headers.put("X-Tollgate-Client", c));
        caller.token().ifPresent(t -> headers.put("X-Tollgate-Scopes", t.scopes().toString()));
        if (backends.isBuiltIn(match.api())) {
            headers.put("X-Tollgate-Backend-Secret", builtInSecret);
        }
        return headers;
    }

    private static String clip(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

}
