package dev.tollgate.core.gateway;

import java.util.Locale;
import java.util.Set;

/**
 * Which headers of a backend's answer go back to the caller, and what every forwarded answer carries
 * instead: one rule set for every listener that forwards.
 */
public final class AnswerHeaders {
    /** Hop-by-hop, cookies for Tollgate's origin, and those Tollgate sets itself. */
    private static final Set<String> NOT_RETURNED = Set.of("connection", "keep-alive", "transfer-encoding", "upgrade",
            "content-length", "trailer", "te", "proxy-authenticate", "set-cookie", "set-cookie2", "date", "server",
            "content-security-policy", "content-security-policy-report-only", "x-content-type-options");

    /** On every forwarded answer: sandboxed, so an answer can never run script on Tollgate's origin. */
    public static final String CONTENT_SECURITY_POLICY = "sandbox; default-src 'none'; frame-ancestors 'none'";
    public static final String CONTENT_TYPE_OPTIONS = "nosniff";

    private AnswerHeaders() {
    }

    /** Whether a backend's answer header goes back to the caller. CORS is the gateway's, from the catalog: a backend cannot widen it. */
    public static boolean returned(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return !NOT_RETURNED.contains(lower) && !lower.startsWith("access-control-");
    }
}
