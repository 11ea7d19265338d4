package dev.tollgate.protocol.admin;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * An API key: {@code …/keys/{keyId}}; {@code name} is {@code projects/P/keys/KEYID}. {@code keyString} is
 * present only in the answer to the create call.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"keyId", "name", "displayName", "restrictions", "createTime", "keyString"})
public record ApiKeyResource(
        @JsonProperty("keyId") String keyId,
        @JsonProperty("name") String name,
        @JsonProperty("displayName") String displayName,
        @JsonProperty("restrictions") KeyRestrictionsResource restrictions,
        @JsonProperty("createTime") String createTime,
        @JsonProperty("keyString") @JsonInclude(JsonInclude.Include.NON_NULL) String keyString) {

    /** The same key with its key string, as the create call answers. */
    public ApiKeyResource withKeyString(String keyString) {
        return new ApiKeyResource(keyId, name, displayName, restrictions, createTime, keyString);
    }

    @Override
    public String toString() {
        return "ApiKeyResource[keyId=" + keyId + ", name=" + name + ", displayName=" + displayName + ", restrictions=" + restrictions
                + ", createTime=" + createTime + (keyString == null ? "" : ", keyString=(hidden)") + "]";
    }

    /** {@code {"keys":[…]}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Page(@JsonProperty("keys") List<ApiKeyResource> keys) {
        public Page {
            keys = Lists.copy(keys);
        }
    }
}
