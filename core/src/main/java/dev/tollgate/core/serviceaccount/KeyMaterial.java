package dev.tollgate.core.serviceaccount;

import dev.tollgate.protocol.ApiError;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** RSA key generation and the PEM encodings of Google's key files. */
public final class KeyMaterial {
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----\\s*");
    private static final int MIN_RSA_BITS = 2048;
    private static final int MAX_RSA_BITS = 8192;

    private KeyMaterial() {}

    public static KeyPair generateRsa2048() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PKCS#8 PEM, as Google's key files carry {@code private_key}. */
    public static String privateKeyPem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    public static String publicKeyPem(RSAPublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** Reads an uploaded public key: a PEM {@code PUBLIC KEY} or an X.509 {@code CERTIFICATE}, RSA of 2048 bits or more. */
    public static RSAPublicKey parsePublicKey(String pemText) {
        if (pemText == null || pemText.length() > 64 * 1024) {
            throw ApiError.INVALID_ARGUMENT.exception("publicKeyData must be a PEM public key or certificate.");
        }
        Matcher m = PEM.matcher(pemText.strip() + "\n");
        if (!m.matches()) {
            throw ApiError.INVALID_ARGUMENT.exception("publicKeyData must be a PEM public key or certificate.");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            java.security.PublicKey key = switch (m.group(1)) {
                case "PUBLIC KEY" -> KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
                case "CERTIFICATE" -> ((X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(der))).getPublicKey();
                default -> throw ApiError.INVALID_ARGUMENT.exception("publicKeyData must be a PUBLIC KEY or CERTIFICATE PEM block.");
            };
            if (!(key instanceof RSAPublicKey rsa)) {
                throw ApiError.INVALID_ARGUMENT.exception("Only RSA keys are supported.");
            }
            int bits = rsa.getModulus().bitLength();
            if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS) {
                throw ApiError.INVALID_ARGUMENT.exception("RSA keys must have 2048 to 8192 bits.");
            }
            return rsa;
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw ApiError.INVALID_ARGUMENT.exception("publicKeyData is not a valid RSA public key or certificate.");
        }
    }

    /** Decodes the stored (X.509 SubjectPublicKeyInfo DER) form. */
    public static RSAPublicKey decodePublicKey(byte[] der) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A stored public key does not decode", e);
        }
    }
}
