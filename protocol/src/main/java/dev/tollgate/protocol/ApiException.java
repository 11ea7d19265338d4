package dev.tollgate.protocol;

import java.util.Map;

/** An {@link ApiError} with the message and ErrorInfo metadata of one occurrence. */
public final class ApiException extends RuntimeException {
    private final ApiError error;
    private final Map<String, String> metadata;
    private final long retryAfterSeconds;

    public ApiException(ApiError error, String message) {
        this(error, message, Map.of());
    }

    public ApiException(ApiError error, String message, Map<String, String> metadata) {
        this(error, message, metadata, -1);
    }

    private ApiException(ApiError error, String message, Map<String, String> metadata, long retryAfterSeconds) {
        super(message, null, false, false);
        this.error = error;
        this.metadata = Map.copyOf(metadata);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The same error, telling the caller when to try again (HTTP {@code Retry-After}). */
    public ApiException withRetryAfter(long seconds) {
        return new ApiException(error, getMessage(), metadata, seconds);
    }

    public java.util.OptionalLong retryAfterSeconds() {
        return retryAfterSeconds < 0 ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(retryAfterSeconds);
    }

    public ApiError error() { return error; }

    public Map<String, String> metadata() { return metadata; }

    public ApiException withMetadata(Map<String, String> more) {
        var merged = new java.util.LinkedHashMap<>(metadata);
        merged.putAll(more);
        return new ApiException(error, getMessage(), merged, retryAfterSeconds);
    }
}
