package dev.tollgate.core.oauth;

import com.github.benmanes.caffeine.cache.Cache;
import dev.tollgate.core.cache.Caches;
import dev.tollgate.core.serviceaccount.ServiceAccountKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Google's {@code {key id: PEM certificate}} maps. An ID-token signing key gets a self-signed
 * certificate valid from its creation until it stops being published. A service account's key has
 * no private half here, so its certificate is issued by the current ID-token signing key (whose own
 * certificate is in {@code /oauth2/v1/certs}), valid from the key's creation with no expiry, as
 * Google's user-managed keys. Certificates are made when first asked for and kept per key.
 */
public final class PublishedCertificates {
    private static final int MAX_CACHED = 10_000;

    private final SigningKeys signingKeys;
    private final Cache<String, String> cache = Caches.upkeptByCallers().maximumSize(MAX_CACHED).build();

    public PublishedCertificates(SigningKeys signingKeys) {
        this.signingKeys = signingKeys;
    }

    /** The ID-token signing keys a verifier may meet now, newest first. */
    public Map<String, String> signingKeys() {
        var map = new LinkedHashMap<String, String>();
        for (SigningKey key : signingKeys.published()) {
            Instant until = signingKeys.publishedUntil(key);
            map.put(key.kid(), cache.get("signing " + key.kid() + " " + until, ignored ->
                    X509Certificates.pem(key.kid(), key.publicKey(), key.kid(), key.privateKey(), key.createTime(), until)));
        }
        return map;
    }

    /** A service account's enabled keys. */
    public Map<String, String> serviceAccountKeys(List<ServiceAccountKey> keys) {
        SigningKey issuer = signingKeys.current();
        var map = new LinkedHashMap<String, String>();
        for (ServiceAccountKey key : keys) {
            if (key.disabled()) {
                continue;
            }
            map.put(key.keyId(), cache.get("account " + key.keyId() + " " + issuer.kid(), ignored ->
                    X509Certificates.pem(key.email(), key.publicKey(), issuer.kid(), issuer.privateKey(),
                            key.createTime(), X509Certificates.NO_EXPIRY)));
        }
        return map;
    }
}
