package dev.tollgate.server.oauth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import dev.tollgate.core.serviceaccount.ServiceAccountRepository;
import dev.tollgate.protocol.ApiError;
import io.javalin.Javalin;

/** {@code /service_accounts/v1/jwk/EMAIL}: a service account's enabled public keys, so others can verify its JWTs. */
public final class ServiceAccountJwks {
    private final ServiceAccountRepository accounts;

    public ServiceAccountJwks(ServiceAccountRepository accounts) {
        this.accounts = accounts;
    }

    public void register(Javalin app) {
        app.get("/service_accounts/v1/jwk/{email}", ctx -> {
            String email = ctx.pathParam("email");
            accounts.find(email).orElseThrow(() -> ApiError.NOT_FOUND.exception("Service account " + email + " not found."));
            var keys = accounts.listKeys(email).stream().filter(k -> !k.disabled())
                    .map(k -> (com.nimbusds.jose.jwk.JWK) new RSAKey.Builder(k.publicKey()).keyID(k.keyId())
                            .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).build())
                    .toList();
            ctx.contentType("application/json; charset=UTF-8").result(new JWKSet(keys).toString(true));
        });
    }
}
