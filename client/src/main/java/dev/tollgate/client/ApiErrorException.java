package dev.tollgate.client;

import dev.tollgate.protocol.ApiErrorBody;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * An API answered with an error in Google's shape ({@code {"error": {"code", "message", "status", "details"}}}):
 * the HTTP status, the canonical {@link #status()} such as {@code RESOURCE_EXHAUSTED}, the ErrorInfo
 * {@link #reason()} such as {@code RATE_LIMIT_EXCEEDED} with its {@link #metadata()}, the quota it is about
 * if any, and how long the server asked to wait. An error body of another shape still gives the HTTP status
 * and the body's text as the message.
 */
public final class ApiErrorException extends IOException {
    private final int httpStatus;
    private final String status;
    private final String reason;
    private final String domain;
    private final Map<String, String> metadata;
    private final Optional<Duration> retryAfter;
    private final Optional<RateLimit> rateLimit;

    ApiErrorException(int httpStatus, String message, String status, String reason, String domain, Map<String, String> metadata,
                      Optional<Duration> retryAfter, Optional<RateLimit> rateLimit) {
        super(httpStatus + (status == null ? "" : " " + status) + (reason == null ? "" : " " + reason) + ": " + message);
        this.httpStatus = httpStatus;
        this.status = status;
        this.reason = reason;
        this.domain = domain;
        this.metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        this.retryAfter = retryAfter;
        this.rateLimit = rateLimit;
    }

    static ApiErrorException from(int httpStatus, String body, Optional<Duration> retryAfter, Optional<RateLimit> rateLimit) {
        ApiErrorBody parsed = null;
        try {
            parsed = Json.read(body, ApiErrorBody.class);
        } catch (IOException | RuntimeException notGoogleShape) {
            // Not JSON or not Google's shape: the text itself is the message.
        }
        if (parsed == null || parsed.error() == null) {
            String text = body == null || body.isBlank() ? "(empty body)" : body.length() > 500 ? body.substring(0, 500) + "…" : body;
            return new ApiErrorException(httpStatus, text, null, null, null, Map.of(), retryAfter, rateLimit);
        }
        ApiErrorBody.Status error = parsed.error();
        ApiErrorBody.ErrorInfo info = error.details() == null ? null : error.details().stream()
                .filter(d -> ApiErrorBody.ERROR_INFO_TYPE.equals(d.type())).findFirst().orElse(null);
        return new ApiErrorException(httpStatus, error.message(), error.status(), info == null ? null : info.reason(),
                info == null ? null : info.domain(), info == null ? Map.of() : info.metadata(), retryAfter, rateLimit);
    }

    /** The HTTP status code. */
    public int httpStatus() { return httpStatus; }

    /** The canonical status name ({@code PERMISSION_DENIED}, {@code UNAVAILABLE}, …); null if the body had none. */
    public String status() { return status; }

    /** The ErrorInfo reason ({@code API_KEY_INVALID}, {@code BACKEND_UNAVAILABLE}, …); null if the body had none. */
    public String reason() { return reason; }

    /** The ErrorInfo domain; null if the body had none. */
    public String domain() { return domain; }

    /** The ErrorInfo metadata (service, consumer, quota names, …). */
    public Map<String, String> metadata() { return metadata; }

    /** The quota a {@code RATE_LIMIT_EXCEEDED} error is about. */
    public Optional<QuotaDetails> quota() { return QuotaDetails.from(metadata); }

    /** How long the server asked the caller to wait ({@code Retry-After}). */
    public Optional<Duration> retryAfter() { return retryAfter; }

    /** The quota allowance reported with the error, if any. */
    public Optional<RateLimit> rateLimit() { return rateLimit; }
}
