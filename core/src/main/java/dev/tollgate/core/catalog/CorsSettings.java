package dev.tollgate.core.catalog;

import dev.tollgate.core.net.WebOrigin;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which web pages may call an API from a browser (its {@code cors} in the catalog). Calls carry
 * their credential in a header or the query, never a cookie, so any origin is the default, as at
 * Google; a list narrows it to exact origins, and an empty list lets no page call the API.
 *
 * @param anyOrigin every origin may call ({@code allowedOrigins: ["*"]}, the default)
 * @param origins the exact origins that may call when not {@code anyOrigin}
 * @param allowedHeaders request headers pages may send besides those every API takes
 */
public record CorsSettings(boolean anyOrigin, Set<WebOrigin> origins, List<String> allowedHeaders) {

    public static final CorsSettings ANY_ORIGIN = new CorsSettings(true, Set.of(), List.of());

    /** A request header name: an RFC 9110 token. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}");
    private static final int MAX_ENTRIES = 100;

    public CorsSettings {
        origins = Set.copyOf(origins);
        allowedHeaders = List.copyOf(allowedHeaders);
        if (anyOrigin && !origins.isEmpty()) {
            throw new IllegalArgumentException("allowedOrigins: \"*\" allows every origin and cannot be listed with others");
        }
        for (String header : allowedHeaders) {
            checkHeaderName(header);
        }
    }

    public boolean allows(WebOrigin origin) {
        return anyOrigin || origins.contains(origin);
    }

    /**
     * The setting the catalog's texts describe: either {@code "*"} alone or exact origins.
     *
     * @throws IllegalArgumentException naming the first entry that is not an origin
     */
    static CorsSettings of(List<String> allowedOrigins, List<String> allowedHeaders) {
        if (allowedOrigins.size() > MAX_ENTRIES || allowedHeaders.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("cors lists at most " + MAX_ENTRIES + " origins and " + MAX_ENTRIES + " headers");
        }
        Set<String> seen = new HashSet<>();
        for (String header : allowedHeaders) {
            checkHeaderName(header);
            if (!seen.add(header.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("allowedHeaders: '" + header + "' is listed twice");
            }
        }
        if (allowedOrigins.contains("*")) {
            if (allowedOrigins.size() > 1) {
                throw new IllegalArgumentException("allowedOrigins: \"*\" allows every origin and cannot be listed with others");
            }
            return new CorsSettings(true, Set.of(), allowedHeaders);
        }
        Set<WebOrigin> origins = new LinkedHashSet<>();
        for (String text : allowedOrigins) {
            origins.add(origin(text));
        }
        return new CorsSettings(false, origins, allowedHeaders);
    }

    /** One configured origin, written exactly as a browser sends it (a default port or upper case is accepted). */
    static WebOrigin origin(String text) {
        return WebOrigin.parse(text).orElseThrow(() -> new IllegalArgumentException("allowedOrigins: " + CatalogRules.quote(text)
                + " is not an origin; write scheme://host[:port] with http or https and nothing after the host or port"
                + " (no path, not even '/'), such as https://app.example, or \"*\" for every origin"));
    }

    static void checkHeaderName(String header) {
        if (header == null || !HEADER_NAME.matcher(header).matches()) {
            throw new IllegalArgumentException("allowedHeaders: " + CatalogRules.quote(header) + " is not a header name");
        }
    }
}
