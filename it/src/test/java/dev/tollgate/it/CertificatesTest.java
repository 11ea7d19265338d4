package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.auth.oauth2.TokenVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Google's certificate maps: {@code /oauth2/v1/certs} for ID tokens, verified by google-auth
 * (Python, Debian's) and google-auth-library-java with only the certificate URL changed, and a
 * service account's {@code client_x509_cert_url}.
 */
class CertificatesTest extends EndToEnd {
    static final String PASSWORD = "correct horse battery";
    static final String REDIRECT = "http://127.0.0.1:47001/";

    OAuthClients.Registered desktop;
    String project;
    String idToken;
    String email;

    /** The issuer Tollgate names in its tokens and files (localhost), which is not the test's base URL (127.0.0.1). */
    String issuer() {
        return adminKey.tokenUri().replace("/token", "");
    }

    @BeforeAll
    void personSignsInWithOpenId() {
        project = createProject(adminToken);
        http.patchJson("/admin/v1/projects/" + project + "/consentScreen", adminToken, Map.of("applicationName", "Cert Pal"));
        desktop = OAuthClients.register(http, adminToken, project, "installed", List.of());
        email = "c-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        assertThat(http.postJson("/admin/v1/users", adminToken, Map.of("email", email, "password", PASSWORD, "emailVerified", true)).status())
                .isEqualTo(200);
        var browser = new Browser(server.baseUrl());
        String verifier = OAuthClients.verifier();
        Http.Response r = browser.get(OAuthClients.authUrl(desktop, REDIRECT, "openid email", "s", verifier, Map.of("nonce", "n-1")));
        r = browser.follow(browser.signIn(r, email, PASSWORD));
        r = browser.submit(r, 0, Map.of("decision", "allow"));
        Http.Response tokens = OAuthClients.redeem(http, desktop, OAuthClients.query(r.header("Location")).get("code"), REDIRECT, verifier, false);
        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
        idToken = tokens.json().get("id_token").asText();
    }

    static X509Certificate certificate(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void v1CertsHoldsACertificateOfEachKeyOfTheJwks() throws Exception {
        Http.Response certs = http.get("/oauth2/v1/certs");
        assertThat(certs.status()).isEqualTo(200);
        assertThat(certs.header("Content-Type")).startsWith("application/json");
        assertThat(certs.header("Cache-Control")).isEqualTo(http.get("/oauth2/v3/certs").header("Cache-Control")).contains("max-age");
        JWKSet jwks = JWKSet.parse(http.get("/oauth2/v3/certs").body());
        JsonNode map = certs.json();
        List<String> kids = iterable(map.fieldNames());
        assertThat(kids).containsExactlyInAnyOrderElementsOf(jwks.getKeys().stream().map(k -> k.getKeyID()).toList());
        String kid = SignedJWT.parse(idToken).getHeader().getKeyID();
        assertThat(kids).contains(kid);
        for (String k : kids) {
            X509Certificate cert = certificate(map.get(k).asText());
            assertThat(cert.getPublicKey()).isEqualTo(((RSAKey) jwks.getKeyByKeyId(k)).toRSAPublicKey());
            cert.verify(cert.getPublicKey());
            cert.checkValidity();
        }
        assertThat(http.get("/oauth2/v1/certs").body()).as("the same certificates on every call").isEqualTo(certs.body());
    }

    @Test
    void pythonGoogleAuthVerifiesTheIdTokenWithOnlyTheCertificateUrlChanged() throws Exception {
        String python = ClientPrograms.requirePython();
        JsonNode ok = verifyInPython(python, idToken, desktop.clientId());
        assertThat(ok.has("error")).as(ok.toString()).isFalse();
        assertThat(ok.get("claims").get("aud").asText()).isEqualTo(desktop.clientId());
        assertThat(ok.get("claims").get("iss").asText()).isEqualTo(issuer());
        assertThat(ok.get("claims").get("email").asText()).isEqualTo(email);
        assertThat(ok.get("claims").get("nonce").asText()).isEqualTo("n-1");

        assertThat(verifyInPython(python, idToken, "someone-else.apps.tollgate").has("error")).isTrue();
        assertThat(verifyInPython(python, tampered(idToken), desktop.clientId()).has("error")).isTrue();
    }

    JsonNode verifyInPython(String python, String token, String audience) throws Exception {
        return ClientPrograms.run(List.of(python, "verify_id_token.py"), ClientPrograms.PYTHON_DIR,
                Map.of("idToken", token, "audience", audience, "certsUrl", issuer() + "/oauth2/v1/certs"));
    }

    /** The same token claiming another person: its signature no longer matches. */
    static String tampered(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String other = payload.replaceFirst("\"email\":\"[^\"]+\"", "\"email\":\"admin@example.com\"");
        assertThat(other).isNotEqualTo(payload);
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(other.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    @Test
    void javaTokenVerifierVerifiesTheIdTokenWithOnlyTheCertificateUrlChanged() throws Exception {
        TokenVerifier verifier = TokenVerifier.newBuilder().setCertificatesLocation(issuer() + "/oauth2/v1/certs")
                .setIssuer(issuer()).setAudience(desktop.clientId()).build();
        var verified = verifier.verify(idToken);
        assertThat(verified.getPayload().getSubject()).isNotBlank();
        assertThat(verified.getPayload().get("email")).isEqualTo(email);

        assertThatThrownBy(() -> TokenVerifier.newBuilder().setCertificatesLocation(issuer() + "/oauth2/v1/certs")
                .setIssuer(issuer()).setAudience("someone-else.apps.tollgate").build().verify(idToken))
                .isInstanceOf(TokenVerifier.VerificationException.class);
        assertThatThrownBy(() -> TokenVerifier.newBuilder().setCertificatesLocation(issuer() + "/oauth2/v1/certs")
                .setIssuer("https://accounts.google.com").setAudience(desktop.clientId()).build().verify(idToken))
                .isInstanceOf(TokenVerifier.VerificationException.class);
        assertThatThrownBy(() -> verifier.verify(tampered(idToken))).isInstanceOf(TokenVerifier.VerificationException.class);
    }

    @Test
    void serviceAccountKeyFilePointsAtItsCertificatesWhichVerifyWhatTheAccountSigned() throws Exception {
        KeyFiles.KeyFile key = createServiceAccount(adminToken, project, "certs-robot");
        assertThat(key.json().get("auth_provider_x509_cert_url").asText()).isEqualTo(issuer() + "/oauth2/v1/certs");
        String url = key.json().get("client_x509_cert_url").asText();
        assertThat(url).isEqualTo(issuer() + "/service_accounts/v1/metadata/x509/" + key.email());

        Http.Response certs = http.get(url.substring(issuer().length()));
        assertThat(certs.status()).as(certs.toString()).isEqualTo(200);
        assertThat(certs.header("Cache-Control")).contains("max-age");
        assertThat(iterable(certs.json().fieldNames())).containsExactly(key.keyId());
        X509Certificate cert = certificate(certs.json().get(key.keyId()).asText());
        cert.checkValidity();
        JsonNode jwk = http.get("/service_accounts/v1/jwk/" + key.email()).json().get("keys").get(0);
        assertThat(cert.getPublicKey()).isEqualTo(RSAKey.parse(jwk.toString()).toRSAPublicKey());

        var claims = new JWTClaimsSet.Builder().issuer(key.email()).subject(key.email()).audience("https://example.com/api")
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600))).build();
        SignedJWT signed = SignedJWT.parse(key.sign(claims, key.keyId()));
        assertThat(signed.verify(new RSASSAVerifier((RSAPublicKey) cert.getPublicKey()))).isTrue();

        KeyFiles.KeyFile other = createServiceAccount(adminToken, project, "other-robot");
        SignedJWT forged = SignedJWT.parse(other.sign(claims, key.keyId()));
        assertThat(forged.verify(new RSASSAVerifier((RSAPublicKey) cert.getPublicKey()))).isFalse();

        assertThat(http.get("/service_accounts/v1/metadata/x509/nobody@" + project + ".iam.tollgate").status()).isEqualTo(404);
        assertThat(http.get("/service_accounts/v1/metadata/x509/%3Cscript%3E").status()).isEqualTo(404);
    }

    static List<String> iterable(Iterator<String> names) {
        var out = new java.util.ArrayList<String>();
        names.forEachRemaining(out::add);
        return out;
    }
}
