package dev.tollgate.core.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.core.Issuer;
import dev.tollgate.core.catalog.CatalogLoader;
import dev.tollgate.core.secret.MasterKey;
import dev.tollgate.core.serviceaccount.ServiceAccount;
import dev.tollgate.core.serviceaccount.ServiceAccountKey;
import dev.tollgate.core.token.AccessTokenIssuer;
import dev.tollgate.core.token.AccessTokenSeal;
import dev.tollgate.core.token.KnownScopes;
import dev.tollgate.protocol.OAuthError;
import dev.tollgate.protocol.OAuthException;
import dev.tollgate.protocol.Scopes;
import dev.tollgate.protocol.TokenRequest;
import dev.tollgate.protocol.TokenResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A JWT-bearer assertion with {@code target_audience} is answered, as at Google, with an ID token of the service account. */
class ServiceAccountIdTokenGrantTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final Issuer SELF = new Issuer("https://tollgate.example");
    private static final String EMAIL = "robot@my-project.iam";
    private static final String UNIQUE_ID = "100000000000000000001";
    private static final String KEY_ID = "key-1";
    private static final KeyPair KEYS = rsa();

    private final List<String> signed = new ArrayList<>();
    private final ServiceAccountGrant accessOnly = grant();
    private final ServiceAccountGrant withIdTokens = accessOnly.withIdTokens((uniqueId, email, audience) -> {
        signed.add(uniqueId + " " + email + " " + audience);
        return "id-token-for-" + audience;
    });

    @Test
    void targetAudienceGetsAnIdTokenOfTheAccountForThatAudienceAndNoAccessToken() throws Exception {
        TokenResponse answer = withIdTokens.exchange(new TokenRequest.JwtBearer(assertion(c -> c.claim("target_audience", "https://api.example")),
                Scopes.EMPTY));

        assertThat(answer.idToken()).isEqualTo("id-token-for-https://api.example");
        assertThat(answer.accessToken()).isNull();
        assertThat(answer.expiresIn()).isEqualTo(3600);
        assertThat(signed).containsExactly(UNIQUE_ID + " " + EMAIL + " https://api.example");
    }

    @Test
    void googlesJavaLibraryNamesItselfAsSubAndThatIsAccepted() throws Exception {
        TokenResponse answer = withIdTokens.exchange(new TokenRequest.JwtBearer(
                assertion(c -> c.subject(EMAIL).claim("target_audience", "https://api.example")), Scopes.EMPTY));

        assertThat(answer.idToken()).isNotNull();
    }

    @Test
    void aTargetAudienceThatIsNotANonEmptyStringIsAnInvalidGrant() {
        assertRefused(() -> withIdTokens.exchange(new TokenRequest.JwtBearer(assertion(c -> c.claim("target_audience", List.of("a", "b"))),
                Scopes.EMPTY)), OAuthError.INVALID_GRANT);
        assertRefused(() -> withIdTokens.exchange(new TokenRequest.JwtBearer(assertion(c -> c.claim("target_audience", " ")),
                Scopes.EMPTY)), OAuthError.INVALID_GRANT);
        assertThat(signed).isEmpty();
    }

    @Test
    void aTargetAudienceWithAScopeIsAnInvalidRequest() {
        assertRefused(() -> withIdTokens.exchange(new TokenRequest.JwtBearer(
                assertion(c -> c.claim("target_audience", "https://api.example").claim("scope", "email")), Scopes.EMPTY)), OAuthError.INVALID_REQUEST);
        assertRefused(() -> withIdTokens.exchange(new TokenRequest.JwtBearer(assertion(c -> c.claim("target_audience", "https://api.example")),
                Scopes.of("email"))), OAuthError.INVALID_REQUEST);
    }

    @Test
    void anotherSubjectIsRefusedForIdTokensAsForAccessTokens() {
        assertRefused(() -> withIdTokens.exchange(new TokenRequest.JwtBearer(
                assertion(c -> c.subject("someone@example.com").claim("target_audience", "https://api.example")), Scopes.EMPTY)),
                OAuthError.UNAUTHORIZED_CLIENT);
    }

    @Test
    void aGrantWithoutIdTokensSaysSo() {
        assertRefused(() -> accessOnly.exchange(new TokenRequest.JwtBearer(assertion(c -> c.claim("target_audience", "https://api.example")),
                Scopes.EMPTY)), OAuthError.INVALID_REQUEST);
    }

    @Test
    void withoutTargetAudienceTheAssertionStillGetsAnAccessToken() throws Exception {
        TokenResponse answer = withIdTokens.exchange(new TokenRequest.JwtBearer(assertion(c -> c.claim("scope", "email")), Scopes.EMPTY));

        assertThat(answer.accessToken()).isNotBlank();
        assertThat(answer.idToken()).isNull();
        assertThat(signed).isEmpty();
    }

    private interface Call {
        TokenResponse run() throws OAuthException;
    }

    private static void assertRefused(Call call, OAuthError expected) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.error()).isEqualTo(expected));
    }

    private static String assertion(Consumer<JWTClaimsSet.Builder> claims) {
        var builder = new JWTClaimsSet.Builder().issuer(EMAIL).audience(SELF.tokenUri())
                .issueTime(Date.from(NOW)).expirationTime(Date.from(NOW.plusSeconds(3600)));
        claims.accept(builder);
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY_ID).type(JOSEObjectType.JWT).build(), builder.build());
        try {
            jwt.sign(new RSASSASigner(KEYS.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static ServiceAccountGrant grant() {
        var accounts = new ServiceAccountGrantFuzzTest.OneAccount(
                new ServiceAccount(EMAIL, UNIQUE_ID, "my-project", "Robot", false, NOW.minusSeconds(86400)),
                new ServiceAccountKey(KEY_ID, EMAIL, (RSAPublicKey) KEYS.getPublic(), ServiceAccountKey.Origin.GENERATED, false, NOW));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        var issuer = new AccessTokenIssuer(AccessTokenSeal.derivedFrom(MasterKey.generate()), clock, Duration.ofHours(1));
        return new ServiceAccountGrant(accounts, issuer, new KnownScopes(CatalogLoader.builtIn()), SELF, clock, Duration.ofSeconds(60));
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
