package dev.tollgate.protocol.admin;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** An API in the catalog and whether a project may call it: {@code …/services}. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"name", "version", "title", "enabled"})
public record ServiceState(
        @JsonProperty("name") String name,
        @JsonProperty("version") String version,
        @JsonProperty("title") String title,
        @JsonProperty("enabled") boolean enabled) {

    /** {@code {"services":[…]}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Page(@JsonProperty("services") List<ServiceState> services) {
        public Page {
            services = Lists.copy(services);
        }
    }
}
