package dev.tollgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.function.Consumer;

/** Reads service-account key files and signs assertions with them, as a client application would. */
public final class KeyFiles {
    private KeyFiles() {}

    public record KeyFile(JsonNode json) {
        public String email() { return json.get("client_email").asText(); }
        public String keyId() { return json.get("private_key_id").asText(); }
        public String clientId() { return json.get("client_id").asText(); }
        public String tokenUri() { return json.get("token_uri").asText(); }

        public PrivateKey privateKey() {
            String pem = json.get("private_key").asText()
                    .replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "").replaceAll("\\s", "");
            try {
                return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** A JWT-bearer assertion with Google's claims; {@code edit} may change any of them. */
        public String assertion(String scope, Consumer<JWTClaimsSet.Builder> edit) {
            Instant now = Instant.now();
            var claims = new JWTClaimsSet.Builder().issuer(email()).audience(tokenUri()).claim("scope", scope)
                    .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(3600)));
            edit.accept(claims);
            return sign(claims.build(), keyId());
        }

        public String sign(JWTClaimsSet claims, String kid) {
            try {
                var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
                jwt.sign(new RSASSASigner(privateKey()));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Exchanges a fresh assertion for an access token; fails the test if that does not work. */
        public String accessToken(Http http, String scope) {
            Http.Response r = http.postForm("/token", Map.of("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer",
                    "assertion", assertion(scope, c -> { })));
            if (r.status() != 200) {
                throw new AssertionError("token exchange failed: " + r);
            }
            return r.json().get("access_token").asText();
        }
    }

    public static KeyFile read(Path file) throws IOException {
        return new KeyFile(Http.JSON.readTree(Files.readString(file)));
    }

    public static KeyFile fromPrivateKeyData(String base64) throws IOException {
        return new KeyFile(Http.JSON.readTree(Base64.getDecoder().decode(base64)));
    }
}
