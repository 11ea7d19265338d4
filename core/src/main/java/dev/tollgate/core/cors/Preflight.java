package dev.tollgate.core.cors;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A CORS preflight: an {@code OPTIONS} request with {@code Origin} and
 * {@code Access-Control-Request-Method}. An {@code OPTIONS} without both is not one and goes where
 * any other request goes.
 *
 * @param origin the {@code Origin} header as sent
 * @param method the method the page wants to use
 * @param headers the header names the page wants to send, lower case
 */
public record Preflight(String origin, String method, List<String> headers) {
    public Preflight {
        headers = List.copyOf(headers);
    }

    /** The preflight these three headers make, or empty when they make none. */
    public static Optional<Preflight> of(String origin, String requestMethod, String requestHeaders) {
        if (origin == null || requestMethod == null) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        if (requestHeaders != null) {
            for (String name : requestHeaders.split(",")) {
                String trimmed = name.trim();
                if (!trimmed.isEmpty()) {
                    names.add(trimmed.toLowerCase(Locale.ROOT));
                }
            }
        }
        return Optional.of(new Preflight(origin, requestMethod.trim(), names));
    }
}
