package dev.tollgate.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Google's service-account key file ({@code "type": "service_account"}). */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"type", "project_id", "private_key_id", "private_key", "client_email", "client_id",
        "auth_uri", "token_uri", "auth_provider_x509_cert_url", "client_x509_cert_url"})
public record ServiceAccountKeyFile(
        @JsonProperty("type") String type,
        @JsonProperty("project_id") String projectId,
        @JsonProperty("private_key_id") String privateKeyId,
        @JsonProperty("private_key") String privateKey,
        @JsonProperty("client_email") String clientEmail,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("auth_uri") String authUri,
        @JsonProperty("token_uri") String tokenUri,
        @JsonProperty("auth_provider_x509_cert_url") String authProviderX509CertUrl,
        @JsonProperty("client_x509_cert_url") String clientX509CertUrl) {

    public static final String TYPE = "service_account";

    @Override
    public String toString() {
        return "ServiceAccountKeyFile[" + clientEmail + ", key " + privateKeyId + "]";
    }
}
