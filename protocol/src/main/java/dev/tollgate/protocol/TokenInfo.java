package dev.tollgate.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Google's {@code /tokeninfo} answer for an access token; like Google's, numbers and booleans are strings. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TokenInfo(
        @JsonProperty("azp") String azp,
        @JsonProperty("aud") String aud,
        @JsonProperty("sub") String sub,
        @JsonProperty("scope") String scope,
        @JsonProperty("exp") String exp,
        @JsonProperty("expires_in") String expiresIn,
        @JsonProperty("email") String email,
        @JsonProperty("email_verified") String emailVerified,
        @JsonProperty("access_type") String accessType) {

    /** The scopes the token carries. */
    public Scopes scopes() {
        return Scopes.ofStored(scope);
    }
}
