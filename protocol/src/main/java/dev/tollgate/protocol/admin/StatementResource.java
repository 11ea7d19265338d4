package dev.tollgate.protocol.admin;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * A month's statement: {@code …/billing/statements/{YYYY-MM}}; {@code month} is {@code YYYY-MM}, amounts and
 * prices are decimal strings in {@code currency}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"projectId", "month", "currency", "lines", "total"})
public record StatementResource(
        @JsonProperty("projectId") String projectId,
        @JsonProperty("month") String month,
        @JsonProperty("currency") String currency,
        @JsonProperty("lines") List<Line> lines,
        @JsonProperty("total") String total) {

    public StatementResource {
        lines = Lists.copy(lines);
    }

    /** What one method of one API cost. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"service", "method", "calls", "billableCalls", "freeCalls", "unitPricePer1000", "amount"})
    public record Line(
            @JsonProperty("service") String service,
            @JsonProperty("method") String method,
            @JsonProperty("calls") long calls,
            @JsonProperty("billableCalls") long billableCalls,
            @JsonProperty("freeCalls") long freeCalls,
            @JsonProperty("unitPricePer1000") String unitPricePer1000,
            @JsonProperty("amount") String amount) {}
}
