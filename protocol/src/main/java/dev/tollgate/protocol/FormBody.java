package dev.tollgate.protocol;

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
