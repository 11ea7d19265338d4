package dev.tollgate.core.cors;

import dev.tollgate.core.net.WebOrigin;
import dev.tollgate.core.oauth.OAuthClient;
import dev.tollgate.core.oauth.OAuthClientRepository;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CORS for the OAuth endpoints a browser application calls itself (token, revocation, tokeninfo,
 * userinfo): only pages from a JavaScript origin registered on an OAuth client may read their answers.
 *
 * <ul>
 *   <li>A call that names its client ({@code client_id}, or Basic authentication) is allowed for that
 *       client's origins only: a page cannot redeem another application's code in its name.</li>
 *   <li>A call that names none (tokeninfo, userinfo, a revocation with the token alone), and every
 *       preflight, where the body with the client id is not sent, is allowed for the origins of any
 *       client: those calls are about a token the page already holds, and a preflight grants nothing
 *       by itself, since the call that follows is checked again.</li>
 * </ul>
 *
 * Never {@code Access-Control-Allow-Credentials}: no cookie of Tollgate's is ever read cross-origin.
 */
public final class OAuthCors {
    static final List<String> REQUEST_HEADERS = List.of("Authorization", "Content-Type");
    static final String EXPOSED = "WWW-Authenticate";

    private final OAuthClientRepository clients;
    private final RegisteredOrigins registered;

    public OAuthCors(OAuthClientRepository clients, RegisteredOrigins registered) {
        this.clients = clients;
        this.registered = registered;
    }

    /** @param methods the endpoint's methods, such as {@code List.of("GET", "POST")} */
    public CorsAnswer preflight(List<String> methods, Preflight request) {
        Map<String, String> vary = Map.of(CorsHeaders.VARY, "Origin");
        Optional<WebOrigin> origin = WebOrigin.parse(request.origin());
        if (origin.isEmpty() || !registered.contains(origin.get())) {
            return new CorsAnswer.Refused("Pages from " + GatewayCors.clip(request.origin())
                    + " may not call this endpoint: no OAuth client lists that origin in its javascriptOrigins.", vary);
        }
        if (!methods.contains(request.method())) {
            return new CorsAnswer.Refused("This endpoint takes " + String.join(" or ", methods) + ".", vary);
        }
        for (String header : request.headers()) {
            if (REQUEST_HEADERS.stream().noneMatch(h -> h.equalsIgnoreCase(header))) {
                return new CorsAnswer.Refused("Pages may not send the header " + GatewayCors.clip(header) + " to this endpoint.", vary);
            }
        }
        var answer = new LinkedHashMap<String, String>();
        answer.put(CorsHeaders.ALLOW_ORIGIN, request.origin());
        answer.put(CorsHeaders.ALLOW_METHODS, String.join(", ", methods));
        answer.put(CorsHeaders.ALLOW_HEADERS, String.join(", ", REQUEST_HEADERS));
        answer.put(CorsHeaders.MAX_AGE, CorsHeaders.MAX_AGE_SECONDS);
        answer.putAll(vary);
        return new CorsAnswer.Allowed(answer);
    }

    /**
     * The CORS headers of an answer to a call.
     *
     * @param origin the request's {@code Origin} header, {@code null} when it has none
     * @param clientId the client the request names, if it names one
     */
    public Map<String, String> forCall(String origin, Optional<String> clientId) {
        var headers = new LinkedHashMap<String, String>();
        headers.put(CorsHeaders.VARY, "Origin");
        Optional<WebOrigin> parsed = origin == null ? Optional.empty() : WebOrigin.parse(origin);
        if (parsed.isEmpty()) {
            return headers;
        }
        boolean allowed = clientId.isPresent()
                ? clients.find(clientId.get()).map(client -> registeredOn(client, parsed.get())).orElse(false)
                : registered.contains(parsed.get());
        if (allowed) {
            headers.put(CorsHeaders.ALLOW_ORIGIN, origin);
            headers.put(CorsHeaders.EXPOSE_HEADERS, EXPOSED);
        }
        return headers;
    }

    private static boolean registeredOn(OAuthClient client, WebOrigin origin) {
        return client.javascriptOrigins().stream().map(WebOrigin::parse).anyMatch(o -> o.filter(origin::equals).isPresent());
    }
}
