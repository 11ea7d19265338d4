package dev.tollgate.server.http;

import jakarta.servlet.http.HttpServletResponse;

/** Headers every answer of Tollgate carries: no sniffing, no framing, no referrer. */
public final class SecurityHeaders {
    private SecurityHeaders() {}

    public static void apply(HttpServletResponse res) {
        apply(res::setHeader);
    }

    /** The same headers, for a listener that is not Jetty's; {@code header} replaces any earlier value. */
    public static void apply(java.util.function.BiConsumer<String, String> header) {
        header.accept("X-Content-Type-Options", "nosniff");
        header.accept("X-Frame-Options", "DENY");
        header.accept("Content-Security-Policy", "frame-ancestors 'none'");
        header.accept("Referrer-Policy", "no-referrer");
    }
}
