package dev.tollgate.core.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.core.Issuer;
import dev.tollgate.core.catalog.CatalogLoader;
import dev.tollgate.core.fuzz.FuzzInput;
import dev.tollgate.core.secret.MasterKey;
import dev.tollgate.core.serviceaccount.ServiceAccount;
import dev.tollgate.core.serviceaccount.ServiceAccountKey;
import dev.tollgate.core.serviceaccount.ServiceAccountRepository;
import dev.tollgate.core.token.AccessTokenIssuer;
import dev.tollgate.core.token.AccessTokenSeal;
import dev.tollgate.core.token.KnownScopes;
import dev.tollgate.protocol.ClientAuth;
import dev.tollgate.protocol.OAuthException;
import dev.tollgate.protocol.Scopes;
import dev.tollgate.protocol.TokenRequest;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * RFC 7523 assertions at the token endpoint: the JWT-bearer grant and client_credentials with
 * private_key_jwt. The assertion is the only thing a service account presents, so it is fuzzed both
 * as arbitrary text and as a well-formed assertion signed by a registered key and then mutated.
 */
class ServiceAccountGrantFuzzTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final Issuer SELF = new Issuer("https://tollgate.example");
    private static final String EMAIL = "robot@my-project.iam";
    private static final String UNIQUE_ID = "100000000000000000001";
    private static final String KEY_ID = "key-1";
    private static final KeyPair KEYS = rsaKeyPair();
    private static final ServiceAccountGrant GRANT = grant();

    /**
     * Property: arbitrary text as an assertion, in either grant, is refused with an OAuthException
     * and never accepted nor answered with another exception.
     */
    @FuzzTest
    void arbitraryAssertionIsRefusedWithAnOAuthError(byte[] data) {
        String assertion = FuzzInput.text(data);
        assertRefused(() -> GRANT.exchange(new TokenRequest.JwtBearer(assertion, Scopes.of("email"))));
        assertRefused(() -> GRANT.exchange(new TokenRequest.ClientCredentials(
                new ClientAuth.PrivateKeyJwt(Optional.of(EMAIL), assertion), Scopes.of("email"))));
    }

    /**
     * Input: the first byte chooses the claims of an assertion signed with the registered key (kid
     * or not, sub, aud, iat, exp, scope); the rest are edits of the compact JWT (replace, insert or
     * delete a character, swap or drop a part, another header). Property: the grants answer with a
     * token or an OAuthException, and accept an edited assertion only if its signed part (header
     * and payload, byte for byte, inside any surrounding whitespace) is the one the key holder
     * signed: no edit forges a claim.
     */
    @FuzzTest
    void editedAssertionIsAcceptedOnlyWithItsSignedBytesIntact(byte[] data) throws JOSEException {
        if (data.length == 0) {
            return;
        }
        String signed = sign(data[0]);
        String edited = edit(signed, data);
        boolean acceptedAsBearer = accepted(() -> GRANT.exchange(new TokenRequest.JwtBearer(edited, Scopes.EMPTY)));
        boolean acceptedAsClient = accepted(() -> GRANT.exchange(new TokenRequest.ClientCredentials(
                new ClientAuth.PrivateKeyJwt(Optional.empty(), edited), Scopes.of("email"))));
        if (acceptedAsBearer || acceptedAsClient) {
            // Nimbus trims the compact form (String.trim: spaces and control characters at either
            // end) before splitting it; what is inside must be exactly what was signed.
            assertThat(signingInput(edited.trim())).as("accepted %s", edited).isEqualTo(signingInput(signed));
        }
    }

    private interface Exchange {
        void run() throws OAuthException;
    }

    private static void assertRefused(Exchange exchange) {
        assertThat(accepted(exchange)).as("an arbitrary assertion was accepted").isFalse();
    }

    /** True if a token was issued, false for an OAuthException; any other exception fails the test. */
    private static boolean accepted(Exchange exchange) {
        try {
            exchange.run();
            return true;
        } catch (OAuthException refused) {
            return false;
        }
    }

    private static String signingInput(String compact) {
        int lastDot = compact.lastIndexOf('.');
        return lastDot < 0 ? compact : compact.substring(0, lastDot);
    }

    private static String sign(byte choice) throws JOSEException {
        int c = Byte.toUnsignedInt(choice);
        var header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT);
        if ((c & 1) != 0) {
            header.keyID(KEY_ID);
        }
        var claims = new JWTClaimsSet.Builder().issuer(EMAIL)
                .audience(switch ((c >> 2) & 3) {
                    case 0 -> SELF.tokenUri();
                    case 1 -> ServiceAccountGrant.GOOGLE_TOKEN_URI;
                    case 2 -> SELF.url();
                    default -> "https://elsewhere.example/token";
                })
                .expirationTime(Date.from(NOW.plus((c & 0x40) != 0 ? Duration.ofHours(2) : Duration.ofMinutes(30))));
        if ((c & 2) != 0) {
            claims.subject(EMAIL);
        }
        if ((c & 0x10) != 0) {
            claims.issueTime(Date.from(NOW.minusSeconds(10)));
        }
        if ((c & 0x20) != 0) {
            claims.claim("scope", (c & 0x80) != 0 ? "email openid" : "admin");
        }
        var jwt = new SignedJWT(header.build(), claims.build());
        jwt.sign(new RSASSASigner(KEYS.getPrivate()));
        return jwt.serialize();
    }

    /** Applies the edits the input describes, three bytes each: operation, position, character. */
    private static String edit(String jwt, byte[] data) {
        String s = jwt;
        for (int i = 1; i + 2 < data.length && s.length() < 8192; i += 3) {
            int op = Byte.toUnsignedInt(data[i]) % 6;
            int at = s.isEmpty() ? 0 : Byte.toUnsignedInt(data[i + 1]) * s.length() / 256;
            char c = (char) Byte.toUnsignedInt(data[i + 2]);
            String[] parts = s.split("\\.", -1);
            s = switch (op) {
                case 0 -> s.isEmpty() ? s : s.substring(0, at) + c + s.substring(Math.min(at + 1, s.length()));
                case 1 -> s.substring(0, at) + c + s.substring(at);
                case 2 -> s.isEmpty() ? s : s.substring(0, at) + s.substring(Math.min(at + 1, s.length()));
                case 3 -> parts.length == 3 ? parts[c % 3] + "." + parts[(c + 1) % 3] + "." + parts[(c + 2) % 3] : s;
                case 4 -> parts.length == 3 ? otherHeader(c) + "." + parts[1] + "." + parts[2] : s;
                default -> parts.length == 3 ? parts[0] + "." + parts[1] + "." + (c % 2 == 0 ? "" : parts[2] + "AA") : s;
            };
        }
        return s;
    }

    private static String otherHeader(char c) {
        String json = switch (c % 4) {
            case 0 -> "{\"alg\":\"none\"}";
            case 1 -> "{\"alg\":\"HS256\",\"kid\":\"" + KEY_ID + "\"}";
            case 2 -> "{\"alg\":\"RS256\",\"kid\":\"" + KEY_ID + "\",\"crit\":[\"exp\"]}";
            default -> "{\"alg\":\"RS256\",\"jku\":\"https://attacker.example/keys\"}";
        };
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ServiceAccountGrant grant() {
        var accounts = new OneAccount(new ServiceAccount(EMAIL, UNIQUE_ID, "my-project", "Robot", false, NOW.minusSeconds(86400)),
                new ServiceAccountKey(KEY_ID, EMAIL, (RSAPublicKey) KEYS.getPublic(), ServiceAccountKey.Origin.GENERATED, false, NOW));
        var issuer = new AccessTokenIssuer(AccessTokenSeal.derivedFrom(MasterKey.generate()), Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofHours(1));
        return new ServiceAccountGrant(accounts, issuer, new KnownScopes(CatalogLoader.builtIn()), SELF,
                Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(60));
    }

    /** One service account with one key; nothing is ever written. */
    record OneAccount(ServiceAccount account, ServiceAccountKey key) implements ServiceAccountRepository {
        @Override public void insert(ServiceAccount a) { throw new UnsupportedOperationException(); }
        @Override public Optional<ServiceAccount> find(String email) { return Optional.of(account).filter(a -> a.email().equals(email)); }
        @Override public Optional<ServiceAccount> findByUniqueId(String id) { return Optional.of(account).filter(a -> a.uniqueId().equals(id)); }
        @Override public List<ServiceAccount> list(String projectId) { return List.of(account); }
        @Override public void setDisabled(String email, boolean disabled) { throw new UnsupportedOperationException(); }
        @Override public boolean delete(String email) { throw new UnsupportedOperationException(); }
        @Override public void insertKey(ServiceAccountKey k) { throw new UnsupportedOperationException(); }
        @Override public Optional<ServiceAccountKey> findKey(String keyId) { return Optional.of(key).filter(k -> k.keyId().equals(keyId)); }
        @Override public List<ServiceAccountKey> listKeys(String email) { return email.equals(account.email()) ? List.of(key) : List.of(); }
        @Override public void setKeyDisabled(String keyId, boolean disabled) { throw new UnsupportedOperationException(); }
        @Override public boolean deleteKey(String keyId) { throw new UnsupportedOperationException(); }
    }
}
