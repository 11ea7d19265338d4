package dev.tollgate.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Google's client_secret.json: {@code {"web": {...}}} or {@code {"installed": {...}}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClientSecretFile(@JsonProperty("web") Details web, @JsonProperty("installed") Details installed) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Details(
            @JsonProperty("client_id") String clientId,
            @JsonProperty("project_id") String projectId,
            @JsonProperty("auth_uri") String authUri,
            @JsonProperty("token_uri") String tokenUri,
            @JsonProperty("auth_provider_x509_cert_url") String certsUri,
            @JsonProperty("client_secret") String clientSecret,
            @JsonProperty("redirect_uris") List<String> redirectUris,
            @JsonProperty("javascript_origins") List<String> javascriptOrigins) {

        @Override
        public String toString() { return "Details[" + clientId + "]"; }
    }

    public Details details() {
        return web != null ? web : installed;
    }
}
