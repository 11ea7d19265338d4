package dev.tollgate.core.oauth;

import dev.tollgate.protocol.ApiError;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which redirect URIs a client may register, and when a requested one matches: exact string
 * comparison (RFC 9700 §4.1.3), except that an installed application's loopback redirect may
 * use any port (RFC 8252 §7.3).
 */
public final class RedirectUris {
    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "[::1]", "localhost");
    private static final Pattern PRIVATE_USE_SCHEME = Pattern.compile("[a-z][a-z0-9+.-]*\\.[a-z0-9+.-]+");
    private static final int MAX_LENGTH = 2000;

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
        if (client.type() != ClientType.INSTALLED) {
            return false;
        }
        var req = parse(requested);
        if (req.isEmpty() || !isLoopback(req.get()) || !"http".equals(req.get().getScheme())
                || req.get().getRawUserInfo() != null || req.get().getRawFragment() != null) {
            return false;
        }
        for (String registered : client.redirectUris()) {
            var reg = parse(registered);
            if (reg.isPresent() && isLoopback(reg.get()) && samePartsButPort(reg.get(), req.get())) {
                return true;
            }
        }
        return false;
    }

    private static boolean samePartsButPort(URI registered, URI requested) {
        return registered.getScheme().equals(requested.getScheme())
                && registered.getHost().equals(requested.getHost())
                && java.util.Objects.equals(emptyToSlash(registered.getRawPath()), emptyToSlash(requested.getRawPath()))
                && java.util.Objects.equals(registered.getRawQuery(), requested.getRawQuery());
    }

    private static String emptyToSlash(String path) {
        return path == null || path.isEmpty() ? "/" : path;
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
        String shown = uri == null ? "null" : uri.length() > 100 ? uri.substring(0, 100) + "…" : uri;
        return ApiError.INVALID_ARGUMENT.exception("redirectUris: " + shown + " " + why + ".");
    }

    /** JavaScript origins: scheme, host and optional port only. */
    public static String validateOrigin(String origin) {
        var parsed = parse(origin).orElseThrow(() -> ApiError.INVALID_ARGUMENT.exception("javascriptOrigins: invalid origin."));
        boolean ok = (parsed.getScheme().equals("https") || (parsed.getScheme().equals("http") && isLoopback(parsed)))
                && parsed.getHost() != null && (parsed.getRawPath() == null || parsed.getRawPath().isEmpty())
                && parsed.getRawQuery() == null && parsed.getRawFragment() == null && parsed.getRawUserInfo() == null;
        if (!ok) {
            throw ApiError.INVALID_ARGUMENT.exception("javascriptOrigins: " + origin + " must be https://host[:port] (http only for localhost).");
        }
        return origin;
    }
}
