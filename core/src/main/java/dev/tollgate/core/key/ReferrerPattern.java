package dev.tollgate.core.key;

import dev.tollgate.core.net.IpLiteral;
import java.net.IDN;
import java.net.Inet4Address;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * One allowed HTTP referrer of an API key, in Google's syntax: {@code [scheme://]host[:port][path]}.
 *
 * <ul>
 *   <li>Scheme: {@code http} or {@code https}; without one, both match.</li>
 *   <li>Host: exact, case-insensitive, IDN compared in ASCII, one trailing dot ignored; or
 *       {@code *.example.com}, which matches every subdomain of example.com at any depth but, as
 *       Google documents it ("all sites ending in .example.com"), not example.com itself. The
 *       wildcard is allowed only as that leading label: {@code *example.com} would also match
 *       evilexample.com, and {@code *} or {@code *.com} would match nearly everyone.</li>
 *   <li>Port: without one, only the scheme's default port matches.</li>
 *   <li>Path: without one, any path matches (Google: "www.example.com acts as www.example.com/*");
 *       a path ending in {@code *} matches every path starting with what precedes it; any other path
 *       must be equal, so a trailing slash matters. Queries and fragments are rejected in patterns
 *       and ignored in referrers.</li>
 * </ul>
 */
public final class ReferrerPattern {
    static final int MAX_LENGTH = 256;
    /** Browsers cut longer referrers down to their origin, so a longer one was not sent by a browser. */
    private static final int MAX_REFERRER_LENGTH = 4096;
    private static final String PATH_CHARACTERS = "-._~!$&'()*+,;=:@/%";

    private final String scheme;
    private final boolean anySubdomain;
    private final String host;
    private final int port;
    private final String path;
    private final boolean pathIsPrefix;

    private ReferrerPattern(String scheme, boolean anySubdomain, String host, int port, String path, boolean pathIsPrefix) {
        this.scheme = scheme;
        this.anySubdomain = anySubdomain;
        this.host = host;
        this.port = port;
        this.path = path;
        this.pathIsPrefix = pathIsPrefix;
    }

    /**
     * The pattern written as {@code text}.
     *
     * @throws IllegalArgumentException if it is not a valid pattern, with a message that says why
     */
    public static ReferrerPattern parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("a referrer pattern is required");
        }
        if (text.length() > MAX_LENGTH) {
            throw invalid(text, "it is longer than " + MAX_LENGTH + " characters");
        }
        if (text.codePoints().anyMatch(ReferrerPattern::isInvisible)) {
            throw invalid(text, "it contains whitespace, control or invisible characters");
        }
        if (text.indexOf('?') >= 0 || text.indexOf('#') >= 0) {
            throw invalid(text, "queries and fragments are not supported");
        }
        String rest = text;
        String scheme = null;
        int schemeEnd = rest.indexOf("://");
        if (schemeEnd >= 0 && rest.indexOf('/') == schemeEnd + 1) {
            scheme = rest.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw invalid(text, "the scheme must be http or https");
            }
            rest = rest.substring(schemeEnd + 3);
        }
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? null : rest.substring(slash);
        if (authority.indexOf('@') >= 0) {
            throw invalid(text, "user information is not allowed");
        }
        int portStart = portSeparator(authority);
        int port = portStart < 0 ? -1 : parsePort(text, authority.substring(portStart + 1));
        String hostText = portStart < 0 ? authority : authority.substring(0, portStart);
        boolean anySubdomain = hostText.startsWith("*.");
        String host = parseHost(text, anySubdomain ? hostText.substring(2) : hostText, anySubdomain);
        boolean pathIsPrefix = path != null && path.endsWith("*");
        if (path != null) {
            checkPath(text, path);
        }
        var pattern = new ReferrerPattern(scheme, anySubdomain, host, port,
                pathIsPrefix ? path.substring(0, path.length() - 1) : path, pathIsPrefix);
        // IDN labels grow in ASCII: the canonical form, which is stored and read back, must fit too.
        if (pattern.toString().length() > MAX_LENGTH) {
            throw invalid(text, "its canonical form (international names in ASCII) is longer than " + MAX_LENGTH + " characters");
        }
        return pattern;
    }

    /** True if {@code referer}, a Referer header value (null if absent), is allowed by this pattern. */
    public boolean matches(String referer) {
        Referrer parsed = Referrer.parse(referer);
        return parsed != null && matches(parsed);
    }

    boolean matches(Referrer referrer) {
        if (scheme != null && !scheme.equals(referrer.scheme())) {
            return false;
        }
        boolean hostMatches = anySubdomain
                ? referrer.host().length() > host.length() + 1 && referrer.host().endsWith(host)
                        && referrer.host().charAt(referrer.host().length() - host.length() - 1) == '.'
                : referrer.host().equals(host);
        if (!hostMatches || referrer.port() != (port < 0 ? defaultPort(referrer.scheme()) : port)) {
            return false;
        }
        if (path == null) {
            return true;
        }
        return pathIsPrefix ? referrer.path().startsWith(path) : referrer.path().equals(path);
    }

    /** The canonical form: scheme and host in lower case, IDN hosts in ASCII. */
    @Override
    public String toString() {
        return (scheme == null ? "" : scheme + "://") + (anySubdomain ? "*." : "") + host
                + (port < 0 ? "" : ":" + port) + (path == null ? "" : path) + (pathIsPrefix ? "*" : "");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReferrerPattern other && toString().equals(other.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    /** A Referer header reduced to what patterns compare, so that it is parsed once per call. */
    record Referrer(String scheme, String host, int port, String path) {
        /** The referrer, or null if it is not an absolute http(s) URL without user information. */
        static Referrer parse(String header) {
            if (header == null || header.isEmpty() || header.length() > MAX_REFERRER_LENGTH) {
                return null;
            }
            URI uri;
            try {
                uri = new URI(header).normalize();
            } catch (URISyntaxException | IllegalArgumentException e) {
                // The JDK's parser throws NumberFormatException for an over-long IPv4 part inside an
                // IPv6 literal ("http://[::2666666666.1.1.1]/"); that is a malformed header too.
                return null;
            }
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!"http".equals(scheme) && !"https".equals(scheme) || uri.isOpaque()
                    || uri.getRawAuthority() == null || uri.getRawUserInfo() != null
                    || uri.getRawAuthority().indexOf('@') >= 0) {
                return null;
            }
            String host;
            int port;
            if (uri.getHost() != null) {
                host = normalizeHost(uri.getHost());
                port = uri.getPort();
            } else {
                // java.net.URI gives no host for internationalized names; read them from the authority.
                String authority = uri.getRawAuthority();
                int portStart = portSeparator(authority);
                host = normalizeHost(portStart < 0 ? authority : authority.substring(0, portStart));
                port = portStart < 0 ? -1 : parsePortOrInvalid(authority.substring(portStart + 1));
            }
            if (host == null || port < -1 || port == 0 || port > 65535) {
                return null;
            }
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return new Referrer(scheme, host, port < 0 ? defaultPort(scheme) : port, path);
        }
    }

    private static int defaultPort(String scheme) {
        return "https".equals(scheme) ? 443 : 80;
    }

    /**
     * A host in the form patterns store: a lower-case ASCII DNS name without trailing dot, a dotted
     * quad, or a bracketed canonical IPv6 literal; null if it is none of these.
     */
    static String normalizeHost(String raw) {
        if (raw.startsWith("[") && raw.endsWith("]")) {
            String literal = raw.substring(1, raw.length() - 1);
            if (literal.indexOf(':') < 0) {
                return null;
            }
            try {
                return "[" + IpLiteral.format(IpLiteral.parse(literal)) + "]";
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        String name = raw.endsWith(".") ? raw.substring(0, raw.length() - 1) : raw;
        if (name.isEmpty() || name.indexOf('%') >= 0) {
            return null;
        }
        String ascii;
        try {
            ascii = IDN.toASCII(name, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (ascii.isEmpty() || ascii.length() > 253 || !hasValidLabels(ascii)) {
            return null;
        }
        return endsWithNumericLabel(ascii) && !isIpv4Literal(ascii) ? null : ascii;
    }

    private static String parseHost(String text, String hostText, boolean anySubdomain) {
        if (hostText.isEmpty()) {
            throw invalid(text, "a host is required");
        }
        if (hostText.equals("*")) {
            throw invalid(text, "a wildcard for every host is too broad; list the sites that may use the key");
        }
        if (hostText.indexOf('*') >= 0) {
            throw invalid(text, "'*' is allowed only as a leading '*.' of the host, as in *.example.com, "
                    + "or at the end of the path; '*example.com' would also match evilexample.com");
        }
        String host = normalizeHost(hostText);
        if (host == null) {
            throw invalid(text, "the host is not a valid domain name or IP address");
        }
        if (anySubdomain && (host.indexOf('.') < 0 || host.startsWith("[") || isIpv4Literal(host))) {
            throw invalid(text, "'*.' must be followed by a domain with at least two labels, such as *.example.com");
        }
        return host;
    }

    private static void checkPath(String text, String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            boolean allowed = c < 0x80 && (Character.isLetterOrDigit(c) || PATH_CHARACTERS.indexOf(c) >= 0);
            if (!allowed) {
                throw invalid(text, "the path may contain only URL characters; percent-encode others");
            }
            if (c == '*' && i != path.length() - 1) {
                throw invalid(text, "'*' is allowed in the path only at its end");
            }
            if (c == '%' && !(i + 2 < path.length() && isHexDigit(path.charAt(i + 1)) && isHexDigit(path.charAt(i + 2)))) {
                throw invalid(text, "'%' in the path must start a percent-encoded byte such as %20");
            }
        }
    }

    /** The index of the ':' before a port, or -1; an IPv6 literal's colons are inside brackets. */
    private static int portSeparator(String authority) {
        int close = authority.lastIndexOf(']');
        int colon = authority.lastIndexOf(':');
        return colon > close ? colon : -1;
    }

    private static int parsePort(String text, String digits) {
        int port = parsePortOrInvalid(digits);
        if (port < 0) {
            throw invalid(text, "the port must be a number from 1 to 65535");
        }
        return port;
    }

    /** The port, or -2 (never a valid port) if {@code digits} is not one. */
    private static int parsePortOrInvalid(String digits) {
        if (digits.isEmpty() || digits.length() > 5 || digits.charAt(0) == '0'
                || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -2;
        }
        int port = Integer.parseInt(digits);
        return port <= 65535 ? port : -2;
    }

    private static boolean hasValidLabels(String ascii) {
        int start = 0;
        for (int i = 0; i <= ascii.length(); i++) {
            if (i < ascii.length() && ascii.charAt(i) != '.') {
                char c = ascii.charAt(i);
                if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                    return false;
                }
                continue;
            }
            int length = i - start;
            if (length < 1 || length > 63 || ascii.charAt(start) == '-' || ascii.charAt(i - 1) == '-') {
                return false;
            }
            start = i + 1;
        }
        return true;
    }

    /** A name like 10.0.0.010 must not pass for a domain when it may be read as an address. */
    private static boolean endsWithNumericLabel(String ascii) {
        String last = ascii.substring(ascii.lastIndexOf('.') + 1);
        return last.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static boolean isIpv4Literal(String host) {
        try {
            return IpLiteral.parse(host) instanceof Inet4Address;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isHexDigit(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static boolean isInvisible(int codePoint) {
        int type = Character.getType(codePoint);
        return Character.isISOControl(codePoint) || Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)
                || type == Character.FORMAT || type == Character.SURROGATE || type == Character.PRIVATE_USE
                || type == Character.UNASSIGNED;
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException(KeyRestrictions.printable(text) + " is not a valid referrer pattern: " + why);
    }
}
