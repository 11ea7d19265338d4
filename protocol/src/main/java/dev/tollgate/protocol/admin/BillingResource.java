package dev.tollgate.protocol.admin;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A project's billing: {@code …/billing}; {@code monthlyBudget} is a decimal string, absent when there is no cap. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"enabled", "monthlyBudget"})
public record BillingResource(
        @JsonProperty("enabled") boolean enabled,
        @JsonProperty("monthlyBudget") @JsonInclude(JsonInclude.Include.NON_NULL) String monthlyBudget) {}
