package dev.tollgate.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Google's authorized-user credential file ({@code "type": "authorized_user"}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AuthorizedUserFile(
        @JsonProperty("type") String type,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("client_secret") String clientSecret,
        @JsonProperty("refresh_token") String refreshToken) {

    public static final String TYPE = "authorized_user";

    @Override
    public String toString() { return "AuthorizedUserFile[" + clientId + "]"; }
}
