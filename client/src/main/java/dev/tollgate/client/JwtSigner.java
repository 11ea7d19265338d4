package dev.tollgate.client;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** RS256 JSON Web Signatures with the JDK alone: what a service account's key file needs. */
final class JwtSigner {
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey key;
    private final String keyId;

    private JwtSigner(PrivateKey key, String keyId) {
        this.key = key;
        this.keyId = keyId;
    }

    /** Reads the PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}) that Google's key files hold. */
    static JwtSigner fromPem(String pem, String keyId) throws GeneralSecurityException {
        String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        if (pem.contains("BEGIN RSA PRIVATE KEY")) {
            throw new GeneralSecurityException("The key is PKCS#1 (BEGIN RSA PRIVATE KEY); key files hold PKCS#8 (BEGIN PRIVATE KEY).");
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("The private key is not base64 PEM.", e);
        }
        return new JwtSigner(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)), keyId);
    }

    String sign(Map<String, Object> claims) throws GeneralSecurityException {
        var header = new LinkedHashMap<String, Object>();
        header.put("alg", "RS256");
        header.put("typ", "JWT");
        if (keyId != null) {
            header.put("kid", keyId);
        }
        String signingInput = encode(Json.write(header)) + "." + encode(Json.write(claims));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + B64URL.encodeToString(rsa.sign());
    }

    private static String encode(String json) {
        return B64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
