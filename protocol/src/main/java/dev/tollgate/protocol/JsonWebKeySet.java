package dev.tollgate.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/** RFC 7517 key set as published at {@code jwks_uri}; only the members an RSA signature key has. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JsonWebKeySet(@JsonProperty("keys") List<Key> keys) {

    /** One key: {@code n} and {@code e} are the RSA modulus and exponent, base64url without padding. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Key(
            @JsonProperty("kty") String kty,
            @JsonProperty("use") String use,
            @JsonProperty("kid") String kid,
            @JsonProperty("alg") String alg,
            @JsonProperty("n") String n,
            @JsonProperty("e") String e) {}

    /** The key with this id, if the set holds it. */
    public Optional<Key> find(String kid) {
        return keys == null ? Optional.empty() : keys.stream().filter(k -> kid != null && kid.equals(k.kid())).findFirst();
    }
}
