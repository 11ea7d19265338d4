package dev.tollgate.protocol;

import java.util.Map;

/** An {@link ApiError} with the message and ErrorInfo metadata of one occurrence. */
public final class ApiException extends RuntimeException {
    private final ApiError error;
    private final Map<String, String> metadata;

    public ApiException(ApiError error, String message) {
        this(error, message, Map.of());
    }

    public ApiException(ApiError error, String message, Map<String, String> metadata) {
        super(message, null, false, false);
        this.error = error;
        this.metadata = Map.copyOf(metadata);
    }

    public ApiError error() { return error; }

    public Map<String, String> metadata() { return metadata; }

    public ApiException withMetadata(Map<String, String> more) {
        var merged = new java.util.LinkedHashMap<>(metadata);
        merged.putAll(more);
        return new ApiException(error, getMessage(), merged);
    }
}
