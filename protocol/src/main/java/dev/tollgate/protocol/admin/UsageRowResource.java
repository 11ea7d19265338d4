package dev.tollgate.protocol.admin;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;
import java.util.List;

/**
 * One group of {@code GET …/usage}: the grouping fields that were asked for ({@code service}, {@code method},
 * {@code status}, {@code credential}; the others are absent), the counts, and the latency percentiles when the
 * ledger kept latencies for these calls.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"service", "method", "status", "credential", "calls", "bytesIn", "bytesOut", "latencyMillis"})
public record UsageRowResource(
        @JsonProperty("service") String service,
        @JsonProperty("method") String method,
        @JsonProperty("status") Integer status,
        @JsonProperty("credential") Credential credential,
        @JsonProperty("calls") long calls,
        @JsonProperty("bytesIn") long bytesIn,
        @JsonProperty("bytesOut") long bytesOut,
        @JsonProperty("latencyMillis") Latency latencyMillis) {

    /** The credential the calls were charged to: {@code kind} is key, client, serviceAccount or unrecorded. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"kind", "id"})
    public record Credential(@JsonProperty("kind") String kind, @JsonProperty("id") String id) {}

    /** Latency percentiles in milliseconds (to the microsecond); a percentile the histogram cannot give is absent. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"p50", "p95", "p99"})
    public record Latency(@JsonProperty("p50") BigDecimal p50, @JsonProperty("p95") BigDecimal p95, @JsonProperty("p99") BigDecimal p99) {}

    /** {@code {"rows":[…]}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Page(@JsonProperty("rows") List<UsageRowResource> rows) {
        public Page {
            rows = Lists.copy(rows);
        }
    }
}
