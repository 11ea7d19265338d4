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
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
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

    public GatewayHandler(ApiCatalog catalog, AccessDecider decider, CallAccounting accounting,
                          ClientAddressResolver addresses, Backends backends,
                          BackendProxy proxy, String builtInSecret, GatewayMetrics metrics) {
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
            match = match(ctx);
            Caller caller = decider.decide(attempt(ctx, match));
            status = serveCharged(ctx, match, caller, start);
        } catch (ApiException e) {
            status = e.error().httpStatus();
            throw e;
        } finally {
            metrics.record(match, status, System.nanoTime() - start);
        }
    }

    /** A call tied to a project: admitted or not, it is charged and metered. */
    private int serveCharged(Context ctx, MethodMatch match, Caller caller, long start) {
        long bytesIn = ctx.req().getContentLengthLong();
        try {
            accounting.admit(ctx, caller, match);
            proxy.forward(ctx, target(ctx, match), identity(match, caller));
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
        return catalog.match(uri.substring(1, apiEnd), uri.substring(apiEnd + 1, versionEnd), ctx.method().name(), uri.substring(versionEnd))
                .orElseThrow(() -> ApiError.NOT_FOUND.exception("Method not found: " + ctx.method().name() + " " + clip(uri) + "."));
    }

    private CallAttempt attempt(Context ctx, MethodMatch match) {
        InetAddress client = addresses.resolve(PeerAddress.of(ctx), ctx.header("X-Forwarded-For"));
        var origin = new CallOrigin(client, ctx.header("Referer"), ctx.header("X-Android-Package"),
                ctx.header("X-Android-Cert"), ctx.header("X-Ios-Bundle-Identifier"));
        return new CallAttempt(match, GatewayCredentials.apiKey(ctx), GatewayCredentials.bearer(ctx), origin);
    }

    private URI target(Context ctx, MethodMatch match) {
        URI base = backends.baseUri(match.api());
        String uri = ctx.req().getRequestURI();
        String rest = uri.substring(uri.indexOf('/', uri.indexOf('/', 1) + 1));
        String query = withoutKey(ctx.req().getQueryString());
        return URI.create(base.toString() + rest + (query.isEmpty() ? "" : "?" + query));
    }

    /** The query string without {@code key=…}: a key is never forwarded. */
    static String withoutKey(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        var kept = new StringBuilder();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty() || isKeyParameter(pair)) {
                continue;
            }
            if (kept.length() > 0) {
                kept.append('&');
            }
            kept.append(pair);
        }
        return kept.toString();
    }

    /** Whether the pair's name, decoded as the key was read ({@code k%65y=}, not only {@code key=}), is key. */
    private static boolean isKeyParameter(String pair) {
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        try {
            return URLDecoder.decode(name, StandardCharsets.UTF_8).equals("key");
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private Map<String, String> identity(MethodMatch match, Caller caller) {
        var headers = new LinkedHashMap<String, String>();
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
