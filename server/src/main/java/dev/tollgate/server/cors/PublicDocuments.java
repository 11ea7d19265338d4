package dev.tollgate.server.cors;

import dev.tollgate.core.catalog.ApiDefinition;
import io.javalin.Javalin;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code Access-Control-Allow-Origin: *} on the documents anyone may read without a credential —
 * OpenID and OAuth discovery, the JWKS and certificates, the Discovery documents — as Google serves
 * its own, so a page can verify an ID token or build a client. Nothing there depends on who asks.
 */
public final class PublicDocuments {
    private PublicDocuments() {}

    public static void register(Javalin app, List<ApiDefinition> apis) {
        List<String> paths = new ArrayList<>(List.of("/.well-known/openid-configuration", "/.well-known/oauth-authorization-server",
                "/oauth2/v3/certs", "/oauth2/v1/certs", "/service_accounts/v1/jwk/{email}", "/service_accounts/v1/metadata/x509/{email}",
                "/discovery/v1/apis", "/discovery/v1/apis/{api}/{version}/rest"));
        apis.forEach(api -> paths.add("/" + api.name() + "/" + api.version() + "/$discovery/rest"));
        Handler anyOrigin = ctx -> ctx.header("Access-Control-Allow-Origin", "*");
        paths.forEach(path -> app.before(path, anyOrigin));
    }
}
