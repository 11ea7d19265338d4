package dev.tollgate.server.http;

import jakarta.servlet.http.HttpServletResponse;

/** Headers every answer of Tollgate carries: no sniffing, no framing, no referrer. */
public final class SecurityHeaders {
    private SecurityHeaders() {}

    public static void apply(HttpServletResponse res) {
        res.setHeader("X-Content-Type-Options", "nosniff");
        res.setHeader("X-Frame-Options", "DENY");
        res.setHeader("Content-Security-Policy", "frame-ancestors 'none'");
        res.setHeader("Referrer-Policy", "no-referrer");
    }
}
