package dev.tollgate.protocol.admin;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** One of an OAuth client's secrets: {@code …/oauthClients/{c}/secrets/{secretId}}; the secret itself only when added. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"secretId", "createTime", "clientSecret"})
public record ClientSecretResource(
        @JsonProperty("secretId") String secretId,
        @JsonProperty("createTime") String createTime,
        @JsonProperty("clientSecret") @JsonInclude(JsonInclude.Include.NON_NULL) String clientSecret) {

    @Override
    public String toString() {
        return "ClientSecretResource[secretId=" + secretId + ", createTime=" + createTime + (clientSecret == null ? "" : ", clientSecret=(hidden)") + "]";
    }

    /** {@code {"secrets":[…]}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Page(@JsonProperty("secrets") List<ClientSecretResource> secrets) {
        public Page {
            secrets = Lists.copy(secrets);
        }
    }
}
