package dev.tollgate.protocol.admin;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** A service account: {@code …/serviceAccounts/{email}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"email", "uniqueId", "displayName", "projectId", "disabled"})
public record ServiceAccountResource(
        @JsonProperty("email") String email,
        @JsonProperty("uniqueId") String uniqueId,
        @JsonProperty("displayName") String displayName,
        @JsonProperty("projectId") String projectId,
        @JsonProperty("disabled") boolean disabled) {

    /** {@code {"serviceAccounts":[…]}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Page(@JsonProperty("serviceAccounts") List<ServiceAccountResource> serviceAccounts) {
        public Page {
            serviceAccounts = Lists.copy(serviceAccounts);
        }
    }
}
