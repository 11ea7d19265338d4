package dev.tollgate.core.audit;

import java.util.Optional;

/**
 * How a change ended: {@code OK}, or the error it was refused with.
 *
 * @param httpStatus what the request was answered with
 * @param status     {@code OK}, Google's canonical status ({@code PERMISSION_DENIED}), or the
 *                   RFC 6749 error code ({@code invalid_client}) on OAuth endpoints
 * @param reason     the {@code google.rpc.ErrorInfo} reason when there is one ({@code IAM_PERMISSION_DENIED})
 */
public record AuditOutcome(int httpStatus, String status, Optional<String> reason) {
    public static final String OK = "OK";

    public AuditOutcome {
        status = AuditText.clean(status, 64);
        reason = reason.map(r -> AuditText.clean(r, 64));
    }

    public static AuditOutcome ok(int httpStatus) {
        return new AuditOutcome(httpStatus, OK, Optional.empty());
    }

    public static AuditOutcome refused(int httpStatus, String status) {
        return new AuditOutcome(httpStatus, status, Optional.empty());
    }

    /** A refusal named only by its HTTP status, in Google's canonical words. */
    public static AuditOutcome refused(int httpStatus) {
        return refused(httpStatus, canonicalStatus(httpStatus));
    }

    public boolean succeeded() {
        return OK.equals(status);
    }

    static String canonicalStatus(int httpStatus) {
        return switch (httpStatus) {
            case 400, 405, 413, 414, 415 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 409 -> "ALREADY_EXISTS";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 503 -> "UNAVAILABLE";
            case 504 -> "DEADLINE_EXCEEDED";
            default -> httpStatus >= 500 ? "INTERNAL" : "UNKNOWN";
        };
    }
}
