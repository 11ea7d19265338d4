package dev.tollgate.protocol;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code application/x-www-form-urlencoded} body as OAuth endpoints must read it: a parameter
 * sent twice is an error (RFC 6749 §3.1), an empty value counts as absent.
 */
public record FormBody(Map<String, List<String>> params) {

    /** Longest value any OAuth parameter may have; JWT assertions are the largest legitimate ones. */
    public static final int MAX_VALUE_LENGTH = 16 * 1024;

    public FormBody {
        params = Map.copyOf(params);
    }

    /**
     * Reads {@code name=value&…} as RFC 6749 Appendix B sends it (UTF-8, {@code +} for a space). A
     * malformed percent-escape fails the whole form rather than dropping its parameter, so that a
     * mangled parameter is never read as an absent one.
     *
     * @param encoded the body or query; null or empty is an empty form
     */
    public static FormBody parse(String encoded) throws OAuthException {
        var params = new LinkedHashMap<String, List<String>>();
        if (encoded == null || encoded.isEmpty()) {
            return new FormBody(params);
        }
        try {
            for (String pair : encoded.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
        } catch (IllegalArgumentException e) {
            throw OAuthError.INVALID_REQUEST.exception("The form is not validly percent-encoded.");
        }
        params.replaceAll((name, values) -> List.copyOf(values));
        return new FormBody(params);
    }

    public Optional<String> optional(String name) throws OAuthException {
        List<String> values = params.get(name);
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw OAuthError.INVALID_REQUEST.exception("Parameter " + name + " was sent more than once.");
        }
        String value = values.get(0);
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            throw OAuthError.INVALID_REQUEST.exception("Parameter " + name + " is too long.");
        }
        return Optional.of(value);
    }

    public String required(String name) throws OAuthException {
        return optional(name).orElseThrow(
                () -> OAuthError.INVALID_REQUEST.exception("Missing required parameter: " + name));
    }
}
