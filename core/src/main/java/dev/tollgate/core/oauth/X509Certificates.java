package dev.tollgate.core.oauth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * X.509 certificates that carry a public key to libraries which only read certificates (Google's
 * {@code /oauth2/v1/certs} and service-account x509 maps). They are made the same way every time
 * (serial from the subject and key, PKCS#1 v1.5 signatures are deterministic), so every node
 * publishes the same bytes and nothing needs storing.
 */
public final class X509Certificates {
    /** RFC 5280 §4.1.2.5: the "no well-defined expiration date" value, which Google uses for service-account keys. */
    public static final Instant NO_EXPIRY = Instant.parse("9999-12-31T23:59:59Z");

    private X509Certificates() {}

    /** A certificate of {@code subjectKey} named {@code subject}, signed by {@code issuerKey} named {@code issuer}. */
    public static String pem(String subject, RSAPublicKey subjectKey, String issuer, RSAPrivateKey issuerKey,
                             Instant notBefore, Instant notAfter) {
        try {
            var builder = new JcaX509v3CertificateBuilder(name(issuer), serial(subject, subjectKey),
                    Date.from(notBefore), Date.from(notAfter), name(subject), subjectKey);
            // A self-signed ID-token key also issues the service-account certificates, so it may sign certificates.
            boolean selfSigned = subject.equals(issuer) && subjectKey.getModulus().equals(((java.security.interfaces.RSAKey) issuerKey).getModulus());
            builder.addExtension(Extension.basicConstraints, true, selfSigned ? new BasicConstraints(0) : new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(selfSigned ? KeyUsage.digitalSignature | KeyUsage.keyCertSign : KeyUsage.digitalSignature));
            X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey));
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(holder.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (OperatorCreationException | IOException e) {
            throw new UncheckedIOException(new IOException("Cannot make a certificate for " + subject, e));
        }
    }

    private static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    }

    private static BigInteger serial(String subject, RSAPublicKey key) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            digest.update(subject.getBytes(StandardCharsets.UTF_8));
            digest.update(key.getEncoded());
            return new BigInteger(1, Arrays.copyOf(digest.digest(), 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
