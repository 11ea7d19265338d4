package dev.tollgate.protocol.admin;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** The body of {@code PATCH …/quotas}: per-project limits to set, or (limit null) to remove. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record QuotaOverrides(@JsonProperty("overrides") List<Override> overrides) {
    public QuotaOverrides {
        overrides = Lists.copy(overrides);
    }

    /** One quota's new limit; a null limit removes the project's override. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"service", "name", "limit"})
    public record Override(
            @JsonProperty("service") String service,
            @JsonProperty("name") String name,
            @JsonProperty("limit") @JsonInclude(JsonInclude.Include.ALWAYS) Long limit) {}
}
