package dev.tollgate.server.cors;

import dev.tollgate.core.cors.OAuthCors;
import dev.tollgate.core.cors.Preflight;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.protocol.ClientAuth;
import dev.tollgate.protocol.FormBody;
import dev.tollgate.protocol.OAuthException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * CORS on the OAuth endpoints a browser application calls itself, for the JavaScript origins
 * registered on OAuth clients ({@link OAuthCors} says which). Every other page of Tollgate — sign-in,
 * consent, account, the admin API — answers no CORS at all, so no other origin can read it.
 */
public final class OAuthCorsRoutes {
    /** Which endpoints, with their methods. The token endpoint and revocation name their client in the body. */
    private record Endpoint(String path, List<String> methods, boolean namesClient) {}

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("/token", List.of("POST"), true),
            new Endpoint("/revoke", List.of("POST"), true),
            new Endpoint("/tokeninfo", List.of("GET", "POST"), false),
            new Endpoint("/v1/userinfo", List.of("GET", "POST"), false));

    private final OAuthCors cors;

    public OAuthCorsRoutes(OAuthCors cors) {
        this.cors = cors;
    }

    public void register(Javalin app) {
        for (Endpoint endpoint : ENDPOINTS) {
            app.before(endpoint.path(), ctx -> {
                if (!CorsResponses.isOptions(ctx)) {
                    CorsResponses.apply(ctx, cors.forCall(ctx.header("Origin"), endpoint.namesClient() ? clientOf(ctx) : Optional.empty()));
                }
            });
            app.options(endpoint.path(), ctx -> {
                Preflight preflight = Preflight.of(ctx.header("Origin"), ctx.header("Access-Control-Request-Method"),
                        ctx.header("Access-Control-Request-Headers"))
                        .orElseThrow(() -> ApiError.NOT_FOUND.exception("The requested URL was not found on this server."));
                CorsResponses.answer(ctx, cors.preflight(endpoint.methods(), preflight));
            });
        }
    }

    /**
     * The CORS headers of a call that {@code OAuthDispatch} answers ahead of Javalin: the same as the
     * before-handlers above would add.
     *
     * @param form the form the endpoint read, or empty when it could not read one
     */
    public void applyToCall(HttpServletRequest req, HttpServletResponse res, Optional<FormBody> form, Optional<String> authorization) {
        for (Endpoint endpoint : ENDPOINTS) {
            if (endpoint.path().equals(req.getRequestURI())) {
                Optional<String> client = endpoint.namesClient() ? form.flatMap(f -> clientOf(f, authorization)) : Optional.empty();
                CorsResponses.apply(res, cors.forCall(req.getHeader("Origin"), client));
                return;
            }
        }
    }

    /**
     * The client a form names ({@code client_id} or Basic authentication), read the way the endpoint
     * reads it; a request the endpoint will refuse names none, and is then treated like one without a
     * client id, so a page of a registered origin can still read why it was refused.
     */
    private static Optional<String> clientOf(Context ctx) {
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return Optional.empty();
        }
        try {
            return clientOf(FormBody.parse(ctx.body()), Optional.ofNullable(ctx.header("Authorization")));
        } catch (OAuthException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> clientOf(FormBody form, Optional<String> authorization) {
        try {
            return ClientAuth.parse(form, authorization).clientId();
        } catch (OAuthException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
