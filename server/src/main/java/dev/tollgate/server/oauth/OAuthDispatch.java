package dev.tollgate.server.oauth;

import dev.tollgate.core.oauth.TokenInspection;
import dev.tollgate.core.oauth.TokenService;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.protocol.ApiException;
import dev.tollgate.protocol.ClientAuth;
import dev.tollgate.protocol.FormBody;
import dev.tollgate.protocol.OAuthError;
import dev.tollgate.protocol.OAuthException;
import dev.tollgate.protocol.TokenRequest;
import dev.tollgate.server.cors.OAuthCorsRoutes;
import dev.tollgate.server.http.ErrorWriters;
import dev.tollgate.server.http.HostHeader;
import dev.tollgate.server.http.Json;
import dev.tollgate.server.http.SecurityHeaders;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token endpoint, introspection and tokeninfo, answered before Javalin sees them: the calls an
 * application or a resource server makes for every token or every API call. Javalin's matching of
 * every route and before-handler, its context and its result copy were ≈ 40 % of an introspection's
 * CPU (docs/BENCHMARKS.md §5). Each call is parse → one domain call → render, with the headers Javalin's
 * handlers would add: the security headers, CORS ({@link OAuthCorsRoutes}) and {@code no-store}.
 * Preflights, other methods and other paths go on to Javalin, and so does every request on the API
 * host name, which Javalin's {@code ApiHostGuard} refuses.
 */
public final class OAuthDispatch implements Filter {
    private static final Logger LOG = LoggerFactory.getLogger(OAuthDispatch.class);

    /** One endpoint: its answer to a parsed form and the request's {@code Authorization} header. */
    interface Call {
        Object answer(FormBody form, Optional<String> authorization) throws OAuthException;
    }

    private final Map<String, Call> posts;
    private final Call tokenInfo;
    private final OAuthCorsRoutes cors;
    private final Optional<String> apiHost;

    public OAuthDispatch(TokenService tokens, TokenInspection inspection, OAuthCorsRoutes cors, Optional<String> apiHost) {
        this.tokenInfo = (form, authorization) -> {
            Optional<String> access = form.optional("access_token");
            Optional<String> id = form.optional("id_token");
            if (access.isPresent() == id.isPresent()) {
                throw OAuthError.INVALID_REQUEST.exception("Pass exactly one of access_token and id_token.");
            }
            return access.isPresent() ? inspection.accessTokenInfo(access.get()) : inspection.idTokenInfo(id.get());
        };
        this.posts = Map.of(
                "/token", (form, authorization) -> tokens.issue(TokenRequest.parse(form, authorization)),
                "/introspect", (form, authorization) -> inspection.introspect(ClientAuth.parse(form, authorization), form.required("token")),
                "/tokeninfo", tokenInfo);
        this.cors = cors;
        this.apiHost = apiHost;
    }

    /** The endpoint that answers a request, if this filter answers it. */
    Optional<Call> callFor(String method, String path, String host) {
        if (apiHost.isPresent() && HostHeader.names(host, apiHost.get())) {
            return Optional.empty();
        }
        return switch (method) {
            case "POST" -> Optional.ofNullable(posts.get(path));
            case "GET", "HEAD" -> "/tokeninfo".equals(path) ? Optional.of(tokenInfo) : Optional.empty();
            default -> Optional.empty();
        };
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        var req = (HttpServletRequest) request;
        Optional<Call> call = callFor(req.getMethod(), req.getRequestURI(), req.getHeader("Host"));
        if (call.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        var res = (HttpServletResponse) response;
        SecurityHeaders.apply(res);
        Optional<String> authorization = Optional.ofNullable(req.getHeader("Authorization"));
        try {
            FormBody form;
            try {
                form = "POST".equals(req.getMethod()) ? OAuthForms.of(req) : FormBody.parse(req.getQueryString());
            } catch (OAuthException e) {
                cors.applyToCall(req, res, Optional.empty(), authorization);
                throw e;
            }
            cors.applyToCall(req, res, Optional.of(form), authorization);
            ErrorWriters.noStoreJson(res, 200, Json.write(call.get().answer(form, authorization)));
        } catch (OAuthException e) {
            ErrorWriters.oauth(res, e, authorization.isPresent());
        } catch (ApiException e) {
            ErrorWriters.api(res, e);
        } catch (RuntimeException e) {
            LOG.error("Unexpected error on {} {}", req.getMethod(), req.getRequestURI(), e);
            ErrorWriters.api(res, ApiError.INTERNAL.exception());
        }
    }
}
