package dev.tollgate.protocol.admin;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** What the consent page shows for a project's clients: {@code …/consentScreen}; the e-mail and homepage are optional. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"applicationName", "supportEmail", "homepage"})
public record ConsentScreenResource(
        @JsonProperty("applicationName") String applicationName,
        @JsonProperty("supportEmail") @JsonInclude(JsonInclude.Include.NON_NULL) String supportEmail,
        @JsonProperty("homepage") @JsonInclude(JsonInclude.Include.NON_NULL) String homepage) {}
