package dev.tollgate.core.cors;

import java.util.Map;

/** What Tollgate answers a preflight: the CORS headers of an allowed one, or why it was refused. */
public sealed interface CorsAnswer {

    /** Headers to send, in order; a refused preflight carries no {@code Access-Control-*} header, so the browser refuses too. */
    Map<String, String> headers();

    record Allowed(Map<String, String> headers) implements CorsAnswer {
        public Allowed {
            headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
        }
    }

    /** @param reason a sentence for the developer reading the browser's network panel */
    record Refused(String reason, Map<String, String> headers) implements CorsAnswer {
        public Refused {
            headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
        }
    }
}
