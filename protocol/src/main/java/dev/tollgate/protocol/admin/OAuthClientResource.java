package dev.tollgate.protocol.admin;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.tollgate.protocol.ClientSecretFile;
import java.util.List;

/**
 * An OAuth client: {@code …/oauthClients/{clientId}}; {@code type} is {@code web} or {@code installed}. Only
 * the answer to the create call carries {@code clientSecret} and {@code clientSecretJson} (the
 * {@code client_secret.json} file).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"clientId", "type", "displayName", "redirectUris", "javascriptOrigins", "createTime", "clientSecret",
        "clientSecretJson"})
public record OAuthClientResource(
        @JsonProperty("clientId") String clientId,
        @JsonProperty("type") String type,
        @JsonProperty("displayName") String displayName,
        @JsonProperty("redirectUris") List<String> redirectUris,
        @JsonProperty("javascriptOrigins") List<String> javascriptOrigins,
        @JsonProperty("createTime") String createTime,
        @JsonProperty("clientSecret") @JsonInclude(JsonInclude.Include.NON_NULL) String clientSecret,
        @JsonProperty("clientSecretJson") @JsonInclude(JsonInclude.Include.NON_NULL) ClientSecretFile clientSecretJson) {

    public OAuthClientResource {
        redirectUris = Lists.copy(redirectUris);
        javascriptOrigins = Lists.copy(javascriptOrigins);
    }

    /** A client as listed and described, without its secret. */
    public OAuthClientResource(String clientId, String type, String displayName, List<String> redirectUris,
                               List<String> javascriptOrigins, String createTime) {
        this(clientId, type, displayName, redirectUris, javascriptOrigins, createTime, null, null);
    }

    /** The same client with its secret and secret file, as the create call answers. */
    public OAuthClientResource withSecret(String secret, ClientSecretFile file) {
        return new OAuthClientResource(clientId, type, displayName, redirectUris, javascriptOrigins, createTime, secret, file);
    }

    @Override
    public String toString() {
        return "OAuthClientResource[clientId=" + clientId + ", type=" + type + ", displayName=" + displayName
                + ", redirectUris=" + redirectUris + ", javascriptOrigins=" + javascriptOrigins + ", createTime=" + createTime
                + (clientSecret == null ? "" : ", clientSecret=(hidden)") + "]";
    }

    /** {@code {"oauthClients":[…]}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Page(@JsonProperty("oauthClients") List<OAuthClientResource> oauthClients) {
        public Page {
            oauthClients = Lists.copy(oauthClients);
        }
    }
}
