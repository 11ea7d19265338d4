package dev.tollgate.client;

import java.io.IOException;

/**
 * The authorization server refused a request (RFC 6749 §5.2): its HTTP status, the {@code error} code and
 * the {@code error_description} it gave. A 5xx answer is worth retrying; a 4xx one is not.
 */
public class TokenRequestException extends IOException {
    private final int httpStatus;
    private final String error;
    private final String description;

    public TokenRequestException(int httpStatus, String error, String description) {
        super(message(httpStatus, error, description));
        this.httpStatus = httpStatus;
        this.error = error;
        this.description = description;
    }

    private static String message(int httpStatus, String error, String description) {
        return "The authorization server answered " + httpStatus + (error == null ? "" : " " + error)
                + (description == null || description.isBlank() ? "" : ": " + description);
    }

    /** The HTTP status of the answer. */
    public int httpStatus() { return httpStatus; }

    /** The OAuth error code, such as {@code invalid_client}; null if the answer had none. */
    public String error() { return error; }

    /** The server's explanation, if it gave one; null otherwise. */
    public String description() { return description; }

    /** Whether the same request may succeed later: the server failed or was briefly unavailable. */
    public boolean isRetryable() {
        return httpStatus >= 500 || "temporarily_unavailable".equals(error) || "server_error".equals(error);
    }
}
