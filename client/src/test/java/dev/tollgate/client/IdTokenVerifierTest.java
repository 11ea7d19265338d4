package dev.tollgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ID tokens checked with keys fetched from a real JWKS endpoint and cached as its Cache-Control says. */
class IdTokenVerifierTest {
    static final String ISSUER = "https://tollgate.example";
    final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T10:00:00Z"));
    final LocalServer server = new LocalServer();
    volatile String jwks = TestKeys.jwks(TestKeys.PAIR, "k1");

    IdTokenVerifierTest() {
        server.route("/certs", r -> new LocalServer.Reply(200, Map.of("Cache-Control", "public, max-age=600"), jwks));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    IdTokenVerifier verifier() {
        return IdTokenVerifier.builder(server.uri("/certs"), ISSUER).audiences("app-1").clock(clock).clockSkew(Duration.ofSeconds(30)).build();
    }

    Map<String, Object> claims() {
        long now = clock.instant().getEpochSecond();
        var c = new HashMap<String, Object>();
        c.put("iss", ISSUER);
        c.put("aud", "app-1");
        c.put("sub", "u-1");
        c.put("email", "ann@example.com");
        c.put("iat", now);
        c.put("exp", now + 3600);
        return c;
    }

    String token(KeyPair pair, String kid, Map<String, Object> claims) throws Exception {
        return TestKeys.sign(pair, Map.of("alg", "RS256", "typ", "JWT", "kid", kid), claims);
    }

    @Test
    void validTokenGivesItsClaimsAndTheKeySetIsFetchedOnce() throws Exception {
        IdTokenVerifier verifier = verifier();
        IdToken token = verifier.verify(token(TestKeys.PAIR, "k1", claims()));
        verifier.verify(token(TestKeys.PAIR, "k1", claims()));

        assertThat(token.subject()).isEqualTo("u-1");
        assertThat(token.email()).contains("ann@example.com");
        assertThat(token.audience()).containsExactly("app-1");
        assertThat(server.requests("/certs")).hasSize(1);
    }

    @Test
    void keySetIsFetchedAgainWhenItsMaxAgeHasPassed() throws Exception {
        IdTokenVerifier verifier = verifier();
        verifier.verify(token(TestKeys.PAIR, "k1", claims()));
        clock.advance(Duration.ofSeconds(601));
        verifier.verify(token(TestKeys.PAIR, "k1", claims()));
        assertThat(server.requests("/certs")).hasSize(2);
    }

    @Test
    void rotatedKeyIsFoundByFetchingAgainButUnknownKidsDoNotHammerTheServer() throws Exception {
        IdTokenVerifier verifier = verifier();
        verifier.verify(token(TestKeys.PAIR, "k1", claims()));
        KeyPair next = TestKeys.generate();
        jwks = TestKeys.jwks(next, "k2");
        clock.advance(Duration.ofSeconds(31));
        assertThat(verifier.verify(token(next, "k2", claims())).subject()).isEqualTo("u-1");
        assertThat(server.requests("/certs")).hasSize(2);
        for (int i = 0; i < 5; i++) {
            String made = token(next, "made-up-" + i, claims());
            assertThatThrownBy(() -> verifier.verify(made)).isInstanceOf(InvalidIdTokenException.class).hasMessageContaining("No published key");
        }
        assertThat(server.requests("/certs")).hasSize(2);
    }

    @Test
    void wrongAudienceIssuerExpiryOrSignatureIsRefused() throws Exception {
        IdTokenVerifier verifier = verifier();
        var otherAudience = claims();
        otherAudience.put("aud", List.of("app-2"));
        assertThatThrownBy(() -> verifier.verify(token(TestKeys.PAIR, "k1", otherAudience))).hasMessageContaining("not for");
        var otherIssuer = claims();
        otherIssuer.put("iss", "https://evil.example");
        assertThatThrownBy(() -> verifier.verify(token(TestKeys.PAIR, "k1", otherIssuer))).hasMessageContaining("issuer");
        var expired = claims();
        expired.put("exp", clock.instant().minusSeconds(31).getEpochSecond());
        assertThatThrownBy(() -> verifier.verify(token(TestKeys.PAIR, "k1", expired))).hasMessageContaining("expired");
        var future = claims();
        future.put("iat", clock.instant().plusSeconds(120).getEpochSecond());
        assertThatThrownBy(() -> verifier.verify(token(TestKeys.PAIR, "k1", future))).hasMessageContaining("future");
        String forged = token(TestKeys.generate(), "k1", claims());
        assertThatThrownBy(() -> verifier.verify(forged)).isInstanceOf(InvalidIdTokenException.class).hasMessageContaining("signature");
    }

    @Test
    void expiryWithinTheClockSkewIsAccepted() throws Exception {
        var justExpired = claims();
        justExpired.put("exp", clock.instant().minusSeconds(20).getEpochSecond());
        assertThat(verifier().verify(token(TestKeys.PAIR, "k1", justExpired)).subject()).isEqualTo("u-1");
    }

    @Test
    void algorithmsOtherThanRs256AreRefused() throws Exception {
        String valid = token(TestKeys.PAIR, "k1", claims());
        String[] parts = valid.split("\\.");
        String none = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"kid\":\"k1\"}".getBytes()) + "." + parts[1] + ".";
        assertThatThrownBy(() -> verifier().verify(none)).isInstanceOf(InvalidIdTokenException.class).hasMessageContaining("only RS256");
        assertThatThrownBy(() -> verifier().verify("not-a-jwt")).isInstanceOf(InvalidIdTokenException.class);
    }

    @Test
    void verifierWithoutAudienceCannotBeBuilt() {
        assertThatThrownBy(() -> IdTokenVerifier.builder(server.uri("/certs"), ISSUER).build()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void cacheControlDecidesHowLongKeysAreKept() {
        assertThat(IdTokenVerifier.maxAge(Optional.of("public, max-age=3600"))).isEqualTo(Duration.ofHours(1));
        assertThat(IdTokenVerifier.maxAge(Optional.of("no-store"))).isEqualTo(Duration.ZERO);
        assertThat(IdTokenVerifier.maxAge(Optional.empty())).isEqualTo(Duration.ofMinutes(5));
    }
}
