package dev.tollgate.client;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Which quota a {@code RATE_LIMIT_EXCEEDED} error is about, from its ErrorInfo metadata: the metric
 * (e.g. {@code posts/requests}), the limit's name, and its value.
 */
public record QuotaDetails(String metric, String limitName, OptionalLong limitValue) {

    static Optional<QuotaDetails> from(Map<String, String> metadata) {
        if (metadata == null || !metadata.containsKey("quota_metric")) {
            return Optional.empty();
        }
        OptionalLong value = OptionalLong.empty();
        try {
            String v = metadata.get("quota_limit_value");
            if (v != null) {
                value = OptionalLong.of(Long.parseLong(v));
            }
        } catch (NumberFormatException ignored) {
            // A value that is not a number names no limit we can state.
        }
        return Optional.of(new QuotaDetails(metadata.get("quota_metric"), metadata.get("quota_limit"), value));
    }
}
