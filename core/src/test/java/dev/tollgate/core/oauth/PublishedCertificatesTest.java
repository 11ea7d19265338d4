package dev.tollgate.core.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.serviceaccount.KeyMaterial;
import dev.tollgate.core.serviceaccount.ServiceAccountKey;
import dev.tollgate.core.user.MutableClock;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PublishedCertificatesTest {
    private static final Duration ROTATION = Duration.ofDays(30);
    private static final Duration GRACE = Duration.ofDays(2);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
    private final List<SigningKey> rows = new ArrayList<>();
    private final SigningKeyRepository repository = new SigningKeyRepository() {
        public void insert(SigningKey key) { rows.add(0, key); }
        public List<SigningKey> published(Instant now) {
            return rows.stream().filter(k -> k.retireTime().map(now::isBefore).orElse(true)).toList();
        }
        public void retire(String kid, Instant when) {
            rows.replaceAll(k -> k.kid().equals(kid) ? new SigningKey(k.kid(), k.privateKey(), k.publicKey(), k.createTime(), Optional.of(when)) : k);
        }
    };
    private final SigningKeys signingKeys = new SigningKeys(repository, clock, ROTATION, GRACE);
    private final PublishedCertificates certificates = new PublishedCertificates(signingKeys);

    @Test
    void eachSigningKeyHasASelfSignedCertificateForItsPublishedLife() throws Exception {
        SigningKey first = signingKeys.current();
        X509Certificate cert = parse(certificates.signingKeys().get(first.kid()));
        assertThat(cert.getPublicKey()).isEqualTo(first.publicKey());
        cert.verify(first.publicKey());
        assertThat(cert.getNotBefore().toInstant()).isEqualTo(first.createTime().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(first.createTime().plus(ROTATION).plus(GRACE));
        assertThat(cert.getBasicConstraints()).isZero();

        clock.advance(ROTATION.plusDays(5));
        SigningKey second = signingKeys.current();
        var map = certificates.signingKeys();
        assertThat(map.keySet()).containsExactly(second.kid(), first.kid());
        assertThat(parse(map.get(first.kid())).getNotAfter().toInstant()).isEqualTo(clock.instant().plus(GRACE));

        clock.advance(GRACE.plusMinutes(2));
        assertThat(certificates.signingKeys().keySet()).containsExactly(second.kid());
    }

    @Test
    void certificatesAreTheSameBytesEveryTime() {
        signingKeys.current();
        var fresh = new PublishedCertificates(signingKeys);
        assertThat(fresh.signingKeys()).isEqualTo(certificates.signingKeys());
    }

    @Test
    void serviceAccountCertificatesCarryOnlyEnabledKeysAndVerifyTheirSignatures() throws Exception {
        var pair = KeyMaterial.generateRsa2048();
        var enabled = new ServiceAccountKey("k1", "robot@p.iam.tollgate", (RSAPublicKey) pair.getPublic(),
                ServiceAccountKey.Origin.GENERATED, false, clock.instant());
        var disabled = new ServiceAccountKey("k2", "robot@p.iam.tollgate", (RSAPublicKey) KeyMaterial.generateRsa2048().getPublic(),
                ServiceAccountKey.Origin.UPLOADED, true, clock.instant());
        var map = certificates.serviceAccountKeys(List.of(enabled, disabled));
        assertThat(map.keySet()).containsExactly("k1");
        X509Certificate cert = parse(map.get("k1"));
        assertThat(cert.getPublicKey()).isEqualTo(pair.getPublic());
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(X509Certificates.NO_EXPIRY);
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        cert.verify(signingKeys.current().publicKey());

        var signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(pair.getPrivate());
        signer.update("payload".getBytes(StandardCharsets.UTF_8));
        byte[] signature = signer.sign();
        var verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(cert);
        verifier.update("payload".getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(signature)).isTrue();
    }

    private static X509Certificate parse(String pem) throws Exception {
        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n");
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }
}
