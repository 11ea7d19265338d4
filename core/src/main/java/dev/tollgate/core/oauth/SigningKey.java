package dev.tollgate.core.oauth;

import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Optional;

/** An RS256 key that signs ID tokens; published in the JWKS until {@code retireTime}. */
public record SigningKey(String kid, RSAPrivateKey privateKey, RSAPublicKey publicKey, Instant createTime, Optional<Instant> retireTime) {
    @Override
    public String toString() {
        return "SigningKey[" + kid + "]";
    }
}
