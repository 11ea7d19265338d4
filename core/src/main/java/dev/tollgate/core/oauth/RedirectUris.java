package dev.tollgate.core.oauth;

import dev.tollgate.protocol.ApiError;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which redirect URIs a client may register, and when a requested one matches: exact string
 * comparison (RFC 9700 §4.1.3), except that an installed application may use any loopback
 * redirect, on any port and path, registered or not (RFC 8252 §7.3), as Google's desktop clients do.
 */
public final class RedirectUris {
    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "[::1]", "localhost");
    private static final Pattern PRIVATE_USE_SCHEME = Pattern.compile("[a-z][a-z0-9+.-]*\\.[a-z0-9+.-]+");
    private static final int MAX_LENGTH = 2000;
    /** Quotes, separators of CSP directives and sources, and what HTML or a header could read as the end of a value. */
    private static final String UNSAFE_CHARACTERS = "'\";,\\<>`{}|^";
    private static final Pattern HOST_NAME = Pattern.compile("(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\\.?");
    /** The loopback hosts exactly as written, with an optional port of at most five digits and no leading zero. */
    private static final Pattern LOOPBACK_AUTHORITY = Pattern.compile("(127\\.0\\.0\\.1|\\[::1]|localhost)(:[1-9][0-9]{0,4})?");
    private static final Pattern IPV6_LITERAL = Pattern.compile("(?i)\\[[0-9a-f:.]+]");

    private RedirectUris() {}

    /** Checks a URI at registration and returns it unchanged, or throws INVALID_ARGUMENT. */
    public static String validateForRegistration(ClientType type, String uri) {
        URI parsed = parse(uri).orElseThrow(() -> invalid(uri, "is not an absolute URI"));
        if (parsed.getRawFragment() != null || uri.contains("#")) {
            throw invalid(uri, "must not have a fragment");
        }
        if (uri.contains("*")) {
            throw invalid(uri, "must not contain wildcards");
        }
        if (parsed.getRawUserInfo() != null) {
            throw invalid(uri, "must not contain user information");
        }
        requireUsableEverywhere(uri, parsed);
        String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
        boolean loopback = isLoopback(parsed);
        if (type == ClientType.WEB) {
            if (!(scheme.equals("https") || (scheme.equals("http") && loopback))) {
                throw invalid(uri, "must use https (http only for localhost)");
            }
            if (parsed.getHost() == null) {
                throw invalid(uri, "must name a host");
            }
        } else if (scheme.equals("http") || scheme.equals("https")) {
            if (!loopback) {
                throw invalid(uri, "of an installed application must be a loopback address or a private-use scheme");
            }
        } else if (!PRIVATE_USE_SCHEME.matcher(scheme).matches()) {
            throw invalid(uri, "must use a private-use scheme in reverse domain form, like com.example.app:/callback");
        }
        return uri;
    }

    /**
     * What every page and header the URI later reaches can take: a server-based authority whose host
     * and port make a Content-Security-Policy source (the consent page's {@code form-action}), no
     * character that could end a header, a directive or an attribute, and no dot-segments, raw or
     * percent-encoded, that would make two spellings of one place.
     */
    private static void requireUsableEverywhere(String uri, URI parsed) {
        for (char c : uri.toCharArray()) {
            if (UNSAFE_CHARACTERS.indexOf(c) >= 0) {
                throw invalid(uri, "must not contain " + (c == '\\' ? "a backslash" : "the character " + c));
            }
        }
        if (parsed.getRawAuthority() != null) {
            String host = parsed.getHost();
            if (host == null || !(HOST_NAME.matcher(host).matches() || IPV6_LITERAL.matcher(host).matches())) {
                throw invalid(uri, "must name a valid host");
            }
            if (parsed.getRawAuthority().endsWith(":") || parsed.getPort() == 0 || parsed.getPort() > 65535) {
                throw invalid(uri, "must have a port between 1 and 65535, or none");
            }
        }
        String path = parsed.isOpaque() ? parsed.getSchemeSpecificPart() : parsed.getPath();
        String query = parsed.getQuery();
        for (String decoded : new String[] {path, query}) {
            if (decoded != null && decoded.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw invalid(uri, "must not contain control characters, even percent-encoded");
            }
        }
        if (path != null) {
            for (String segment : path.split("[/\\\\]", -1)) {
                if (segment.equals(".") || segment.equals("..")) {
                    throw invalid(uri, "must not contain . or .. path segments");
                }
            }
        }
    }

    /** Whether a URI passes the checks of registration that keep it usable on pages and in headers. */
    public static boolean isUsable(String uri) {
        var parsed = parse(uri);
        if (parsed.isEmpty()) {
            return false;
        }
        try {
            requireUsableEverywhere(uri, parsed.get());
            return true;
        } catch (dev.tollgate.protocol.ApiException e) {
            return false;
        }
    }

    /** Whether {@code requested} is one the client registered. */
    public static boolean matches(OAuthClient client, String requested) {
        if (requested == null || requested.length() > MAX_LENGTH) {
            return false;
        }
        for (String registered : client.redirectUris()) {
            if (registered.equals(requested)) {
                return true;
            }
        }
        return client.type() == ClientType.INSTALLED && isAnyLoopbackRedirect(requested);
    }

    /**
     * What an installed application may use without registering it (RFC 8252 §7.3, Google's desktop
     * clients): plain http to 127.0.0.1, [::1] or localhost, spelled exactly so, on any port and any
     * path. Every other spelling of a host (other cases, decimal, hex or short IPv4, percent-encoding,
     * trailing dots) and any user information or fragment is refused, so that no string a browser
     * could resolve elsewhere passes.
     */
    static boolean isAnyLoopbackRedirect(String requested) {
        var parsed = parse(requested);
        if (parsed.isEmpty() || requested.contains("#")) {
            return false;
        }
        URI uri = parsed.get();
        String authority = uri.getRawAuthority();
        if (!"http".equals(uri.getScheme()) || uri.isOpaque() || authority == null || uri.getRawUserInfo() != null
                || !LOOPBACK_AUTHORITY.matcher(authority).matches() || !isLoopback(uri)) {
            return false;
        }
        if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65535)) {
            return false;
        }
        String path = uri.getRawPath();
        if (path != null && !path.isEmpty() && !path.startsWith("/")) {
            return false;
        }
        return isUsable(requested);
    }

    private static boolean isLoopback(URI uri) {
        return uri.getHost() != null && LOOPBACK_HOSTS.contains(uri.getHost());
    }

    private static java.util.Optional<URI> parse(String uri) {
        if (uri == null || uri.isEmpty() || uri.length() > MAX_LENGTH || uri.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f)) {
            return java.util.Optional.empty();
        }
        try {
            URI parsed = new URI(uri);
            return parsed.isAbsolute() ? java.util.Optional.of(parsed) : java.util.Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            // IllegalArgumentException: the JDK's NumberFormatException for "http://[::2666666666.1.1.1]/".
            return java.util.Optional.empty();
        }
    }

    private static dev.tollgate.protocol.ApiException invalid(String uri, String why) {
        return ApiError.INVALID_ARGUMENT.exception("redirectUris: " + clip(uri) + " " + why + ".");
    }

    private static String clip(String uri) {
        return uri == null ? "null" : uri.length() > 100 ? uri.substring(0, 100) + "…" : uri;
    }

    /** JavaScript origins: scheme, host and optional port only. */
    public static String validateOrigin(String origin) {
        var parsed = parse(origin).orElseThrow(() -> ApiError.INVALID_ARGUMENT.exception("javascriptOrigins: invalid origin."));
        try {
            requireUsableEverywhere(origin, parsed);
        } catch (dev.tollgate.protocol.ApiException e) {
            throw ApiError.INVALID_ARGUMENT.exception("javascriptOrigins: " + clip(origin) + " is not a usable origin.");
        }
        boolean ok = (parsed.getScheme().equals("https") || (parsed.getScheme().equals("http") && isLoopback(parsed)))
                && parsed.getHost() != null && (parsed.getRawPath() == null || parsed.getRawPath().isEmpty())
                && parsed.getRawQuery() == null && parsed.getRawFragment() == null && parsed.getRawUserInfo() == null;
        if (!ok) {
            throw ApiError.INVALID_ARGUMENT.exception("javascriptOrigins: " + clip(origin) + " must be https://host[:port] (http only for localhost).");
        }
        return origin;
    }
}
