package dev.tollgate.server.oauth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import dev.tollgate.core.Issuer;
import dev.tollgate.core.oauth.DeviceFlow;
import dev.tollgate.core.oauth.SigningKeys;
import dev.tollgate.core.oauth.TokenInspection;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.protocol.ClientAuth;
import dev.tollgate.protocol.FormBody;
import dev.tollgate.protocol.OAuthException;
import dev.tollgate.protocol.ProviderMetadata;
import dev.tollgate.protocol.Scopes;
import dev.tollgate.server.http.Bearer;
import dev.tollgate.server.http.ErrorWriters;
import dev.tollgate.server.http.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OAuth and OpenID Connect endpoints around the token endpoint: each parses, calls the domain once, renders.
 * The token endpoint, introspection and tokeninfo are {@link OAuthDispatch}'s.
 */
public final class OAuthEndpoints {
    private final TokenInspection inspection;
    private final DeviceFlow devices;
    private final SigningKeys signingKeys;
    private final Issuer issuer;
    private final Scopes supportedScopes;

    public OAuthEndpoints(TokenInspection inspection, DeviceFlow devices, SigningKeys signingKeys, Issuer issuer, Scopes supportedScopes) {
        this.inspection = inspection;
        this.devices = devices;
        this.signingKeys = signingKeys;
        this.issuer = issuer;
        this.supportedScopes = supportedScopes;
    }

    public void register(Javalin app) {
        app.get("/.well-known/openid-configuration", this::discovery);
        app.get("/.well-known/oauth-authorization-server", this::discovery);
        app.get("/oauth2/v3/certs", this::jwks);
        app.post("/revoke", ctx -> oauth(ctx, () -> {
            FormBody form = OAuthForms.of(ctx);
            String token = form.required("token");
            form.optional("token_type_hint");
            inspection.revoke(ClientAuth.parse(form, header(ctx)), token);
            return Map.of();
        }));
        app.get("/v1/userinfo", this::userInfo);
        app.post("/v1/userinfo", this::userInfo);
        app.post("/device/code", ctx -> oauth(ctx, () -> {
            FormBody form = OAuthForms.of(ctx);
            return devices.start(ClientAuth.parse(form, header(ctx)), Scopes.parse(form.optional("scope").orElse(null)));
        }));
    }

    private interface OAuthCall {
        Object call() throws OAuthException;
    }

    private static void oauth(Context ctx, OAuthCall call) {
        Optional<String> authorization = header(ctx);
        try {
            Object body = call.call();
            ErrorWriters.noStore(ctx);
            ctx.contentType("application/json; charset=UTF-8").result(Json.write(body));
        } catch (OAuthException e) {
            ErrorWriters.oauth(ctx, e, authorization.isPresent());
        }
    }

    private void userInfo(Context ctx) {
        String token = Bearer.token(ctx).orElseThrow(() -> ApiError.UNAUTHENTICATED.exception("An access token with the openid scope is required."));
        Map<String, Object> info = inspection.userInfo(token)
                .orElseThrow(() -> ApiError.ACCESS_TOKEN_INVALID.exception("The access token is not valid for userinfo."));
        ErrorWriters.noStore(ctx);
        ctx.contentType("application/json; charset=UTF-8").result(Json.write(info));
    }

    private void discovery(Context ctx) {
        String base = issuer.url();
        var doc = new ProviderMetadata(base, issuer.authUri(), base + "/device/code", issuer.tokenUri(), base + "/v1/userinfo",
                base + "/revoke", base + "/introspect", issuer.certsUri(),
                List.of("code"), List.of("query"), List.of("public"), List.of("RS256"), List.copyOf(supportedScopes.values()),
                List.of("client_secret_basic", "client_secret_post", "private_key_jwt", "none"), List.of("RS256"),
                List.of("client_secret_basic", "client_secret_post", "none"), List.of("client_secret_basic", "client_secret_post"),
                List.of("aud", "auth_time", "azp", "email", "email_verified", "exp", "iat", "iss", "nonce", "sub"), List.of("S256"),
                List.of("authorization_code", "refresh_token", "urn:ietf:params:oauth:grant-type:device_code",
                        "urn:ietf:params:oauth:grant-type:jwt-bearer", "client_credentials"),
                List.of("none", "consent", "select_account", "login"), true);
        ctx.contentType("application/json; charset=UTF-8").result(Json.write(doc));
    }

    private void jwks(Context ctx) {
        List<JWK> keys = signingKeys.published().stream()
                .map(k -> (JWK) new RSAKey.Builder(k.publicKey()).keyID(k.kid()).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).build())
                .toList();
        ctx.header("Cache-Control", "public, max-age=3600");
        ctx.contentType("application/json; charset=UTF-8").result(new JWKSet(keys).toString(true));
    }

    private static Optional<String> header(Context ctx) {
        return Optional.ofNullable(ctx.header("Authorization"));
    }
}
