package dev.tollgate.protocol.admin;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * A quota of a project: {@code window} is {@code minute} or {@code day}, {@code per} is {@code project} or
 * {@code user}; {@code effectiveLimit} is the project's override when it has one.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"service", "name", "window", "per", "defaultLimit", "effectiveLimit"})
public record QuotaLimit(
        @JsonProperty("service") String service,
        @JsonProperty("name") String name,
        @JsonProperty("window") String window,
        @JsonProperty("per") String per,
        @JsonProperty("defaultLimit") long defaultLimit,
        @JsonProperty("effectiveLimit") long effectiveLimit) {

    /** {@code {"limits":[…]}}: the answer to both GET and PATCH of {@code …/quotas}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Page(@JsonProperty("limits") List<QuotaLimit> limits) {
        public Page {
            limits = Lists.copy(limits);
        }
    }
}
