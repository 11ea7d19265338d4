package dev.tollgate.core.serviceaccount;

import java.security.interfaces.RSAPublicKey;
import java.time.Instant;

/** The public half of a service-account key; the private half is never stored. */
public record ServiceAccountKey(String keyId, String email, RSAPublicKey publicKey, Origin origin, boolean disabled, Instant createTime) {
    public enum Origin { GENERATED, UPLOADED }
}
