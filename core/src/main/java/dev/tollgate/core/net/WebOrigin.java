package dev.tollgate.core.net;

import java.util.Locale;
import java.util.Optional;

/**
 * A web origin (RFC 6454): scheme, host and port, compared as a browser compares them. Parsing is
 * strict: only {@code scheme://host[:port]} is an origin. A path (even a lone {@code /}), user
 * information, a query, a fragment, {@code null} (what sandboxed frames and files send) or anything
 * that is not http(s) is not, so no spelling can make one origin pass for another. Scheme and host
 * are compared without case and a default port is the same as none, since browsers serialize the
 * same origin that way.
 */
public record WebOrigin(String scheme, String host, int port) {
    private static final int MAX_LENGTH = 2048;

    public WebOrigin {
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("scheme must be http or https");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range");
        }
    }

    /** The origin an {@code Origin} header or a configured value names; empty when it names none. */
    public static Optional<WebOrigin> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH || text.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f)) {
            return Optional.empty();
        }
        int separator = text.indexOf("://");
        if (separator < 0) {
            return Optional.empty();
        }
        String scheme = text.substring(0, separator).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.empty();
        }
        String authority = text.substring(separator + 3);
        // Anything that would start a path, query, fragment or user information is not part of an origin.
        if (authority.isEmpty() || authority.chars().anyMatch(c -> c == '/' || c == '?' || c == '#' || c == '@' || c == '\\' || c == '%')) {
            return Optional.empty();
        }
        String host;
        String port;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            host = authority.substring(0, close + 1).toLowerCase(Locale.ROOT);
            String after = authority.substring(close + 1);
            if (!after.isEmpty() && !after.startsWith(":")) {
                return Optional.empty();
            }
            port = after.isEmpty() ? null : after.substring(1);
            if (!isIpv6Literal(host.substring(1, host.length() - 1))) {
                return Optional.empty();
            }
        } else {
            int colon = authority.indexOf(':');
            host = (colon < 0 ? authority : authority.substring(0, colon)).toLowerCase(Locale.ROOT);
            port = colon < 0 ? null : authority.substring(colon + 1);
            if (!isHostName(host)) {
                return Optional.empty();
            }
        }
        int defaultPort = scheme.equals("https") ? 443 : 80;
        if (port == null) {
            return Optional.of(new WebOrigin(scheme, host, defaultPort));
        }
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        int number = Integer.parseInt(port);
        return number < 1 || number > 65535 ? Optional.empty() : Optional.of(new WebOrigin(scheme, host, number));
    }

    /** As a browser writes it in {@code Origin}: lower case, the default port left out. */
    public String serialized() {
        int defaultPort = scheme.equals("https") ? 443 : 80;
        return scheme + "://" + host + (port == defaultPort ? "" : ":" + port);
    }

    @Override
    public String toString() {
        return serialized();
    }

    /** Labels of letters, digits and hyphens, none empty: no trailing dot, no underscores, no IDN in Unicode form. */
    private static boolean isHostName(String host) {
        if (host.isEmpty() || host.length() > 253) {
            return false;
        }
        for (String label : host.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")
                    || !label.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIpv6Literal(String address) {
        return address.length() >= 2 && address.contains(":")
                && address.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == ':' || c == '.');
    }
}
