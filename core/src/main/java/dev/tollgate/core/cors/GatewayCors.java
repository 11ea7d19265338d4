package dev.tollgate.core.cors;

import dev.tollgate.core.catalog.ApiCatalog;
import dev.tollgate.core.catalog.ApiDefinition;
import dev.tollgate.core.catalog.CorsSettings;
import dev.tollgate.core.net.WebOrigin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * CORS for the gateway, from the catalog alone: which pages may call an API ({@link CorsSettings}),
 * with which methods (those the catalog declares at the path) and which headers. Calls carry their
 * credential in a header or the query, never a cookie, so no answer ever allows credentials: a page
 * can only use what it holds itself. A preflight reveals nothing beyond the catalog, which the
 * Discovery documents publish anyway.
 */
public final class GatewayCors {
    /** Request headers every API takes: the credentials Tollgate reads, the body's type, and what Google's client libraries send. */
    static final List<String> STANDARD_HEADERS = List.of("Authorization", "Content-Type", "X-Goog-Api-Key", "X-Goog-Api-Client");
    /** Headers a browser sends without asking (CORS-safelisted), which a preflight may still list. */
    private static final Set<String> SAFELISTED = Set.of("accept", "accept-language", "content-language", "content-type", "range");
    /** What the gateway itself sets that pages need to read: the quota state and why a call was refused. */
    static final String EXPOSED = "Retry-After, WWW-Authenticate, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset";
    private static final List<String> VERBS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private final ApiCatalog catalog;

    public GatewayCors(ApiCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * The answer to a preflight for a gateway path.
     *
     * @param requestPath the request's raw path, {@code /{api}/{version}/…}, already checked as the gateway checks it
     */
    public CorsAnswer preflight(String requestPath, Preflight request) {
        Optional<Target> target = target(requestPath);
        if (target.isEmpty()) {
            return new CorsAnswer.Refused("No API answers at this path.", Map.of());
        }
        ApiDefinition api = target.get().api();
        CorsSettings cors = api.cors();
        Map<String, String> vary = cors.anyOrigin() ? Map.of() : Map.of(CorsHeaders.VARY, "Origin");
        Optional<WebOrigin> origin = WebOrigin.parse(request.origin());
        if (!cors.anyOrigin() && (origin.isEmpty() || !cors.allows(origin.get()))) {
            return new CorsAnswer.Refused("Pages from " + clip(request.origin()) + " may not call API " + api.label()
                    + " from a browser: its catalog entry does not list that origin.", vary);
        }
        List<String> methods = methodsAt(api, target.get().path());
        if (methods.isEmpty()) {
            return new CorsAnswer.Refused("API " + api.label() + " has no method at this path.", vary);
        }
        if (!methods.contains(request.method())) {
            return new CorsAnswer.Refused("API " + api.label() + " has no " + clip(request.method()) + " method at this path.", vary);
        }
        List<String> headers = new ArrayList<>(STANDARD_HEADERS);
        headers.addAll(cors.allowedHeaders());
        Set<String> allowed = new LinkedHashSet<>(SAFELISTED);
        headers.forEach(h -> allowed.add(h.toLowerCase(Locale.ROOT)));
        for (String header : request.headers()) {
            if (!allowed.contains(header)) {
                return new CorsAnswer.Refused("Pages may not send the header " + clip(header) + " to API " + api.label()
                        + "; the catalog's cors.allowedHeaders can allow it.", vary);
            }
        }
        var answer = new LinkedHashMap<String, String>();
        answer.put(CorsHeaders.ALLOW_ORIGIN, cors.anyOrigin() ? "*" : request.origin());
        answer.put(CorsHeaders.ALLOW_METHODS, String.join(", ", methods));
        answer.put(CorsHeaders.ALLOW_HEADERS, String.join(", ", headers));
        answer.put(CorsHeaders.MAX_AGE, CorsHeaders.MAX_AGE_SECONDS);
        answer.putAll(vary);
        return new CorsAnswer.Allowed(answer);
    }

    /**
     * The CORS headers of an answer to a call (forwarded or refused by Tollgate), so that a page the
     * API allows can read it, errors included.
     *
     * @param origin the request's {@code Origin} header, {@code null} when it has none
     */
    public Map<String, String> forCall(String requestPath, String origin) {
        Optional<Target> target = target(requestPath);
        if (target.isEmpty()) {
            return Map.of();
        }
        CorsSettings cors = target.get().api().cors();
        var headers = new LinkedHashMap<String, String>();
        if (cors.anyOrigin()) {
            // The same for every origin, as Google's APIs answer: no Vary needed.
            headers.put(CorsHeaders.ALLOW_ORIGIN, "*");
            headers.put(CorsHeaders.EXPOSE_HEADERS, EXPOSED);
            return headers;
        }
        headers.put(CorsHeaders.VARY, "Origin");
        if (origin != null && WebOrigin.parse(origin).filter(cors::allows).isPresent()) {
            headers.put(CorsHeaders.ALLOW_ORIGIN, origin);
            headers.put(CorsHeaders.EXPOSE_HEADERS, EXPOSED);
        }
        return headers;
    }

    /** The methods the catalog declares at this path; HEAD with GET, as the gateway serves it. */
    private List<String> methodsAt(ApiDefinition api, String path) {
        List<String> methods = new ArrayList<>();
        for (String verb : VERBS) {
            if (catalog.match(api.name(), api.version(), verb, path).isPresent()) {
                methods.add(verb);
                if (verb.equals("GET")) {
                    methods.add("HEAD");
                }
            }
        }
        return methods;
    }

    private record Target(ApiDefinition api, String path) {}

    private Optional<Target> target(String requestPath) {
        if (requestPath == null || !requestPath.startsWith("/")) {
            return Optional.empty();
        }
        int apiEnd = requestPath.indexOf('/', 1);
        int versionEnd = apiEnd < 0 ? -1 : requestPath.indexOf('/', apiEnd + 1);
        if (versionEnd < 0) {
            return Optional.empty();
        }
        return catalog.api(requestPath.substring(1, apiEnd), requestPath.substring(apiEnd + 1, versionEnd))
                .map(api -> new Target(api, requestPath.substring(versionEnd)));
    }

    static String clip(String s) {
        return s.length() > 100 ? s.substring(0, 100) + "…" : s;
    }
}
