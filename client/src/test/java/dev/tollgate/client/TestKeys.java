package dev.tollgate.client;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Map;

/** RSA keys and hand-made JWTs for the tests, with the JDK alone. */
final class TestKeys {
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    static final KeyPair PAIR = generate();

    private TestKeys() {}

    static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(KeyPair pair) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    }

    static String sign(KeyPair pair, Map<String, Object> header, Map<String, Object> claims) throws Exception {
        String input = B64URL.encodeToString(Json.write(header).getBytes(StandardCharsets.UTF_8)) + "."
                + B64URL.encodeToString(Json.write(claims).getBytes(StandardCharsets.UTF_8));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(pair.getPrivate());
        rsa.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + B64URL.encodeToString(rsa.sign());
    }

    /** Checks an RS256 JWT's signature and returns its claims. */
    static Map<String, Object> verify(KeyPair pair, String jwt) throws Exception {
        String[] parts = jwt.split("\\.");
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(pair.getPublic());
        rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        if (!rsa.verify(Base64.getUrlDecoder().decode(parts[2]))) {
            throw new AssertionError("bad signature");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> claims = Json.MAPPER.readValue(Base64.getUrlDecoder().decode(parts[1]), Map.class);
        return claims;
    }

    static Map<String, Object> header(String jwt) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> h = Json.MAPPER.readValue(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), Map.class);
        return h;
    }

    static String jwks(KeyPair pair, String kid) {
        RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
        return Json.write(Map.of("keys", java.util.List.of(Map.of("kty", "RSA", "use", "sig", "alg", "RS256", "kid", kid,
                "n", B64URL.encodeToString(unsigned(pub.getModulus().toByteArray())),
                "e", B64URL.encodeToString(unsigned(pub.getPublicExponent().toByteArray()))))));
    }

    private static byte[] unsigned(byte[] bytes) {
        return bytes.length > 1 && bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }
}
