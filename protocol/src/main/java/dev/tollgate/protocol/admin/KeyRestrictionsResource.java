package dev.tollgate.protocol.admin;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * An API key's restrictions as the admin API writes and reads them; every list is present, empty when it
 * restricts nothing. The server checks and normalizes them; this record only carries them.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"apiTargets", "allowedIps", "allowedReferrers", "androidApps", "iosBundleIds"})
public record KeyRestrictionsResource(
        @JsonProperty("apiTargets") List<ApiTarget> apiTargets,
        @JsonProperty("allowedIps") List<String> allowedIps,
        @JsonProperty("allowedReferrers") List<String> allowedReferrers,
        @JsonProperty("androidApps") List<AndroidApp> androidApps,
        @JsonProperty("iosBundleIds") List<String> iosBundleIds) {

    /** No restriction at all. */
    public static final KeyRestrictionsResource NONE = new KeyRestrictionsResource(null, null, null, null, null);

    public KeyRestrictionsResource {
        apiTargets = Lists.copy(apiTargets);
        allowedIps = Lists.copy(allowedIps);
        allowedReferrers = Lists.copy(allowedReferrers);
        androidApps = Lists.copy(androidApps);
        iosBundleIds = Lists.copy(iosBundleIds);
    }

    /** An API, and optionally its methods, the key may call; no methods means all of them. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"service", "methods"})
    public record ApiTarget(@JsonProperty("service") String service, @JsonProperty("methods") List<String> methods) {
        public ApiTarget {
            methods = Lists.copy(methods);
        }
    }

    /** An Android app by package name and the SHA-1 of its signing certificate. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"packageName", "sha1Fingerprint"})
    public record AndroidApp(@JsonProperty("packageName") String packageName, @JsonProperty("sha1Fingerprint") String sha1Fingerprint) {}
}
