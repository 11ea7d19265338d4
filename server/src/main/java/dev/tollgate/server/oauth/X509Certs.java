package dev.tollgate.server.oauth;

import dev.tollgate.core.oauth.PublishedCertificates;
import dev.tollgate.core.serviceaccount.ServiceAccountRepository;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.server.http.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Map;

/**
 * Google's PEM certificate maps, for libraries that verify with certificates rather than a JWKS:
 * {@code /oauth2/v1/certs} (the ID-token signing keys, beside {@code /oauth2/v3/certs}) and
 * {@code /service_accounts/v1/metadata/x509/EMAIL} (beside {@code /service_accounts/v1/jwk/EMAIL}).
 */
public final class X509Certs {
    private final PublishedCertificates certificates;
    private final ServiceAccountRepository accounts;

    public X509Certs(PublishedCertificates certificates, ServiceAccountRepository accounts) {
        this.certificates = certificates;
        this.accounts = accounts;
    }

    public void register(Javalin app) {
        app.get("/oauth2/v1/certs", ctx -> render(ctx, certificates.signingKeys()));
        app.get("/service_accounts/v1/metadata/x509/{email}", ctx -> {
            String email = ctx.pathParam("email");
            accounts.find(email).orElseThrow(() -> ApiError.NOT_FOUND.exception("Service account " + email + " not found."));
            render(ctx, certificates.serviceAccountKeys(accounts.listKeys(email)));
        });
    }

    private static void render(Context ctx, Map<String, String> map) {
        ctx.header("Cache-Control", "public, max-age=3600");
        ctx.contentType("application/json; charset=UTF-8").result(Json.write(map));
    }
}
