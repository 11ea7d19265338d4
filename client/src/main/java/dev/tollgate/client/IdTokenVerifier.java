package dev.tollgate.client;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tollgate.protocol.JsonWebKeySet;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Verifies ID tokens (RS256 JWTs) with the issuer's published keys: signature, {@code iss}, {@code aud},
 * {@code exp}, {@code iat} and {@code nbf}, allowing a small clock skew. The key set is fetched from
 * {@code jwks_uri} and cached for as long as its {@code Cache-Control: max-age} says; a token signed with a
 * key id not in the cache makes it fetch again (the issuer rotated its keys), at most once per
 * {@link #MIN_REFETCH_INTERVAL}, so tokens with made-up key ids cannot make it hammer the server.
 * Verification uses the JDK's {@code java.security} alone.
 */
public final class IdTokenVerifier {
    /** The least time between two fetches of the key set caused by unknown key ids. */
    public static final Duration MIN_REFETCH_INTERVAL = Duration.ofSeconds(30);
    private static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(5);
    private static final Pattern MAX_AGE = Pattern.compile("max-age=(\\d+)");
    private static final Base64.Decoder B64URL = Base64.getUrlDecoder();

    private record CachedKeys(Map<String, PublicKey> byKid, Instant fetchedAt, Instant expiresAt) {}

    private final URI jwksUri;
    private final String issuer;
    private final Set<String> audiences;
    private final Clock clock;
    private final Duration clockSkew;
    private final HttpClient http;
    private final Object fetchLock = new Object();
    private volatile CachedKeys keys;

    private IdTokenVerifier(Builder b) {
        this.jwksUri = b.jwksUri;
        this.issuer = b.issuer;
        this.audiences = Set.copyOf(b.audiences);
        this.clock = b.clock;
        this.clockSkew = b.clockSkew;
        this.http = b.http;
    }

    /** A verifier of tokens from this issuer, with keys at this address. */
    public static Builder builder(URI jwksUri, String issuer) {
        return new Builder(jwksUri, issuer);
    }

    /** The token's claims if it passes every check; otherwise an {@link InvalidIdTokenException} saying which failed. */
    public IdToken verify(String idToken) throws IOException {
        Objects.requireNonNull(idToken, "idToken");
        String[] parts = idToken.split("\\.", -1);
        if (parts.length != 3) {
            throw new InvalidIdTokenException("Not a signed JWT (three dot-separated parts).");
        }
        Map<String, Object> header = decodeJson(parts[0], "header");
        if (!"RS256".equals(header.get("alg"))) {
            throw new InvalidIdTokenException("Unsupported algorithm " + header.get("alg") + "; only RS256 is accepted.");
        }
        String kid = header.get("kid") instanceof String s ? s : null;
        if (kid == null) {
            throw new InvalidIdTokenException("The token names no key (kid).");
        }
        PublicKey key = key(kid).orElseThrow(() -> new InvalidIdTokenException("No published key has id " + kid + "."));
        if (!signatureValid(key, parts)) {
            throw new InvalidIdTokenException("The signature does not verify.");
        }
        IdToken token = new IdToken(decodeJson(parts[1], "claims"));
        checkClaims(token);
        return token;
    }

    private void checkClaims(IdToken token) throws InvalidIdTokenException {
        if (!issuer.equals(token.issuer())) {
            throw new InvalidIdTokenException("The issuer is " + token.issuer() + ", not " + issuer + ".");
        }
        if (token.audience().stream().noneMatch(audiences::contains)) {
            throw new InvalidIdTokenException("The token is for " + token.audience() + ", not for " + audiences + ".");
        }
        Instant now = clock.instant();
        Optional<Instant> exp = token.instant("exp");
        if (exp.isEmpty()) {
            throw new InvalidIdTokenException("The token has no expiry (exp).");
        }
        if (!now.minus(clockSkew).isBefore(exp.get())) {
            throw new InvalidIdTokenException("The token expired at " + exp.get() + ".");
        }
        Optional<Instant> iat = token.issuedAt();
        if (iat.isPresent() && iat.get().isAfter(now.plus(clockSkew))) {
            throw new InvalidIdTokenException("The token is issued in the future (" + iat.get() + ").");
        }
        Optional<Instant> nbf = token.instant("nbf");
        if (nbf.isPresent() && nbf.get().isAfter(now.plus(clockSkew))) {
            throw new InvalidIdTokenException("The token is not valid before " + nbf.get() + ".");
        }
    }

    private static boolean signatureValid(PublicKey key, String[] parts) throws InvalidIdTokenException {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return rsa.verify(B64URL.decode(parts[2]));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new InvalidIdTokenException("The signature cannot be checked: " + e.getMessage());
        }
    }

    private static Map<String, Object> decodeJson(String part, String what) throws InvalidIdTokenException {
        try {
            return Json.MAPPER.readValue(B64URL.decode(part), new TypeReference<Map<String, Object>>() {});
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidIdTokenException("The token's " + what + " is not base64url JSON.");
        }
    }

    private Optional<PublicKey> key(String kid) throws IOException {
        Instant now = clock.instant();
        CachedKeys current = keys;
        if (current != null && now.isBefore(current.expiresAt()) && current.byKid().containsKey(kid)) {
            return Optional.of(current.byKid().get(kid));
        }
        synchronized (fetchLock) {
            current = keys;
            boolean expired = current == null || !now.isBefore(current.expiresAt());
            boolean mayRefetch = current == null || !now.isBefore(current.fetchedAt().plus(MIN_REFETCH_INTERVAL));
            if (expired || (!current.byKid().containsKey(kid) && mayRefetch)) {
                current = fetch(now);
                keys = current;
            }
            return Optional.ofNullable(current.byKid().get(kid));
        }
    }

    private CachedKeys fetch(Instant now) throws IOException {
        HttpResponse<String> response = TokenEndpointClient.send(http, HttpRequest.newBuilder(jwksUri)
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json").GET().build());
        if (response.statusCode() != 200) {
            throw new IOException("The key set at " + jwksUri + " answered " + response.statusCode() + ".");
        }
        JsonWebKeySet set = Json.read(response.body(), JsonWebKeySet.class);
        var byKid = new HashMap<String, PublicKey>();
        for (JsonWebKeySet.Key k : set.keys() == null ? List.<JsonWebKeySet.Key>of() : set.keys()) {
            if ("RSA".equals(k.kty()) && k.kid() != null && k.n() != null && k.e() != null && (k.use() == null || "sig".equals(k.use()))) {
                try {
                    byKid.put(k.kid(), KeyFactory.getInstance("RSA").generatePublic(
                            new RSAPublicKeySpec(new BigInteger(1, B64URL.decode(k.n())), new BigInteger(1, B64URL.decode(k.e())))));
                } catch (GeneralSecurityException | IllegalArgumentException e) {
                    // One unusable key must not hide the others.
                }
            }
        }
        return new CachedKeys(Map.copyOf(byKid), now, now.plus(maxAge(response.headers().firstValue("Cache-Control"))));
    }

    static Duration maxAge(Optional<String> cacheControl) {
        if (cacheControl.isEmpty()) {
            return DEFAULT_MAX_AGE;
        }
        String value = cacheControl.get().toLowerCase(java.util.Locale.ROOT);
        if (value.contains("no-store") || value.contains("no-cache")) {
            return Duration.ZERO;
        }
        Matcher m = MAX_AGE.matcher(value);
        return m.find() ? Duration.ofSeconds(Long.parseLong(m.group(1))) : DEFAULT_MAX_AGE;
    }

    /** Settings of an {@link IdTokenVerifier}. */
    public static final class Builder {
        private final URI jwksUri;
        private final String issuer;
        private List<String> audiences = List.of();
        private Clock clock = Clock.systemUTC();
        private Duration clockSkew = Duration.ofMinutes(1);
        private HttpClient http = CredentialOptions.defaults().httpClient();

        private Builder(URI jwksUri, String issuer) {
            this.jwksUri = Objects.requireNonNull(jwksUri, "jwksUri");
            this.issuer = Objects.requireNonNull(issuer, "issuer");
        }

        /** The client ids a token may be for; a token for none of them is refused. Required: a verifier without one would accept tokens meant for any app. */
        public Builder audiences(String... clientIds) {
            this.audiences = List.of(clientIds);
            return this;
        }

        /** The clock expiry is checked against. */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /** How far the issuer's clock and ours may disagree (default 1 minute). */
        public Builder clockSkew(Duration skew) {
            if (skew.isNegative()) {
                throw new IllegalArgumentException("The clock skew must not be negative.");
            }
            this.clockSkew = skew;
            return this;
        }

        /** The HTTP client the key set is fetched with. */
        public Builder httpClient(HttpClient h) {
            this.http = Objects.requireNonNull(h, "httpClient");
            return this;
        }

        /** The verifier; fails if no audience was named. */
        public IdTokenVerifier build() {
            if (audiences.isEmpty()) {
                throw new IllegalStateException("Name the audience (your client id): a token meant for another app must be refused.");
            }
            return new IdTokenVerifier(this);
        }
    }
}
