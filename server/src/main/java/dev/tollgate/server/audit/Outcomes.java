package dev.tollgate.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.core.audit.AuditOutcome;
import dev.tollgate.server.http.Json;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Reads how a request ended from what it was answered: the status, and for errors the names in
 * the error body (Google's {@code status} and ErrorInfo {@code reason}, or RFC 6749's
 * {@code error}), never its message, which may repeat what the caller sent.
 */
final class Outcomes {
    private static final int MAX_BODY = 64 * 1024;

    private Outcomes() {}

    static AuditOutcome ofApi(Context ctx) {
        int status = ctx.statusCode();
        if (status < 400) {
            return AuditOutcome.ok(status);
        }
        JsonNode error = json(ctx).map(j -> j.path("error")).orElse(null);
        if (error == null || !error.path("status").isTextual()) {
            return AuditOutcome.refused(status);
        }
        JsonNode reason = error.path("details").path(0).path("reason");
        return new AuditOutcome(status, error.path("status").asText(), reason.isTextual() ? Optional.of(reason.asText()) : Optional.empty());
    }

    static AuditOutcome ofOAuth(Context ctx) {
        int status = ctx.statusCode();
        if (status < 400) {
            return AuditOutcome.ok(status);
        }
        JsonNode error = json(ctx).map(j -> j.path("error")).orElse(null);
        return error != null && error.isTextual() ? AuditOutcome.refused(status, error.asText()) : AuditOutcome.refused(status);
    }

    /** A page's answer: a redirect or a page is done, an error page is refused. */
    static AuditOutcome ofPage(Context ctx) {
        int status = ctx.statusCode();
        return status < 400 ? AuditOutcome.ok(status) : AuditOutcome.refused(status);
    }

    /** The answer's JSON, if it is JSON of a sane size. */
    static Optional<JsonNode> json(Context ctx) {
        String body = ctx.result();
        if (body == null || body.isEmpty() || body.length() > MAX_BODY || body.charAt(0) != '{') {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readTree(body));
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
