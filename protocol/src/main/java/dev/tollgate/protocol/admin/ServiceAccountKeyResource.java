package dev.tollgate.protocol.admin;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A service account's key: {@code …/serviceAccounts/{email}/keys/{keyId}}, {@code keyId} being the key file's
 * {@code private_key_id}; {@code keyOrigin} is {@code GOOGLE_PROVIDED} or {@code USER_PROVIDED}. Only the
 * answer to the create call carries {@code privateKeyType} and {@code privateKeyData} (base64 of the key file).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"keyId", "createTime", "disabled", "keyOrigin", "privateKeyType", "privateKeyData"})
public record ServiceAccountKeyResource(
        @JsonProperty("keyId") String keyId,
        @JsonProperty("createTime") String createTime,
        @JsonProperty("disabled") boolean disabled,
        @JsonProperty("keyOrigin") String keyOrigin,
        @JsonProperty("privateKeyType") @JsonInclude(JsonInclude.Include.NON_NULL) String privateKeyType,
        @JsonProperty("privateKeyData") @JsonInclude(JsonInclude.Include.NON_NULL) String privateKeyData) {

    /** The type the create call answers with: a Google credentials file. */
    public static final String GOOGLE_CREDENTIALS_FILE = "TYPE_GOOGLE_CREDENTIALS_FILE";

    /** A key as listed and described, without its private part. */
    public ServiceAccountKeyResource(String keyId, String createTime, boolean disabled, String keyOrigin) {
        this(keyId, createTime, disabled, keyOrigin, null, null);
    }

    /** The same key with its key file, as the create call answers. */
    public ServiceAccountKeyResource withKeyFile(String keyFileJson) {
        return new ServiceAccountKeyResource(keyId, createTime, disabled, keyOrigin, GOOGLE_CREDENTIALS_FILE,
                Base64.getEncoder().encodeToString(keyFileJson.getBytes(StandardCharsets.UTF_8)));
    }

    /** The key file's JSON text, when this is the answer to the create call. */
    public Optional<String> keyFileJson() {
        return Optional.ofNullable(privateKeyData).map(d -> new String(Base64.getMimeDecoder().decode(d), StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "ServiceAccountKeyResource[keyId=" + keyId + ", createTime=" + createTime + ", disabled=" + disabled
                + ", keyOrigin=" + keyOrigin + (privateKeyData == null ? "" : ", privateKeyData=(hidden)") + "]";
    }

    /** {@code {"keys":[…]}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Page(@JsonProperty("keys") List<ServiceAccountKeyResource> keys) {
        public Page {
            keys = Lists.copy(keys);
        }
    }
}
