package dev.tollgate.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * RFC 8628 §3.2: the device authorization answer. Google names the page {@code verification_url};
 * the RFC names it {@code verification_uri}: both are sent so either kind of client finds it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeviceAuthorizationResponse(
        @JsonProperty("device_code") String deviceCode,
        @JsonProperty("user_code") String userCode,
        @JsonProperty("verification_url") String verificationUrl,
        @JsonProperty("verification_uri") String verificationUri,
        @JsonProperty("verification_uri_complete") String verificationUriComplete,
        @JsonProperty("expires_in") long expiresIn,
        @JsonProperty("interval") int interval) {

    /** The page the person opens: the RFC's name first, Google's otherwise. */
    public String page() {
        return verificationUri != null ? verificationUri : verificationUrl;
    }

    @Override
    public String toString() {
        return "DeviceAuthorizationResponse[userCode=" + userCode + ", page=" + page() + ", interval=" + interval + "]";
    }
}
