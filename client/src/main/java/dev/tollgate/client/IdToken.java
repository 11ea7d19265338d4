package dev.tollgate.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The verified claims of an OpenID Connect ID token. */
public record IdToken(Map<String, Object> claims) {

    public IdToken {
        claims = Map.copyOf(claims);
    }

    /** {@code sub}: the person's stable id. */
    public String subject() { return string("sub").orElse(null); }

    /** {@code iss}. */
    public String issuer() { return string("iss").orElse(null); }

    /** {@code email}, if the token carries it (the {@code email} scope). */
    public Optional<String> email() { return string("email"); }

    /** {@code aud}, always as a list. */
    public List<String> audience() {
        Object aud = claims.get("aud");
        if (aud instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return aud == null ? List.of() : List.of(aud.toString());
    }

    /** {@code exp}. */
    public Instant expiresAt() { return instant("exp").orElse(Instant.EPOCH); }

    /** {@code iat}. */
    public Optional<Instant> issuedAt() { return instant("iat"); }

    /** {@code nonce}, to compare with the one the authorization request sent. */
    public Optional<String> nonce() { return string("nonce"); }

    /** Any claim as a string. */
    public Optional<String> string(String name) {
        Object v = claims.get(name);
        return v == null ? Optional.empty() : Optional.of(v.toString());
    }

    Optional<Instant> instant(String name) {
        Object v = claims.get(name);
        return v instanceof Number n ? Optional.of(Instant.ofEpochSecond(n.longValue())) : Optional.empty();
    }
}
