package dev.tollgate.protocol;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fuzz input read as an HTTP request's parameters: an optional first line
 * {@code Authorization: VALUE}, then an application/x-www-form-urlencoded body (or query) decoded
 * the way a servlet container does, parameters in order and repeated names kept.
 */
record FormInput(Optional<String> authorization, FormBody form) {

    private static final String AUTHORIZATION = "Authorization: ";

    static FormInput of(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        Optional<String> authorization = Optional.empty();
        if (text.startsWith(AUTHORIZATION)) {
            int newline = text.indexOf('\n');
            authorization = Optional.of(text.substring(AUTHORIZATION.length(), newline < 0 ? text.length() : newline));
            text = newline < 0 ? "" : text.substring(newline + 1);
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return new FormInput(authorization, new FormBody(params));
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return s;
        }
    }
}
