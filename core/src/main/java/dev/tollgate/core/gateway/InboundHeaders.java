package dev.tollgate.core.gateway;

import dev.tollgate.protocol.ApiError;
import java.util.HashSet;
import java.util.Set;

/**
 * Which headers of a caller's request may travel on to a backend. A name is compared the way a
 * CGI/WSGI/Rack/PHP environ folds it ({@code HTTP_} + upper case, {@code -} and {@code _} alike),
 * so {@code x_tollgate_user} or {@code X-Goog_Api-Key} is dropped just like its canonical spelling:
 * a backend framework must never be able to read a caller's header as one of Tollgate's, nor a
 * credential that Tollgate read (or chose not to read).
 */
public final class InboundHeaders {
    /** Tollgate's identity headers, folded. */
    public static final String IDENTITY_PREFIX = "X_TOLLGATE_";
    /** Hop-by-hop (RFC 9110 §7.6.1), credentials, client-address claims Tollgate replaces, and those the HTTP client sets itself. */
    private static final Set<String> DROPPED = Set.of("CONNECTION", "KEEP_ALIVE", "PROXY_CONNECTION", "PROXY_AUTHENTICATE",
            "PROXY_AUTHORIZATION", "TE", "TRAILER", "TRANSFER_ENCODING", "UPGRADE", "HOST", "CONTENT_LENGTH", "EXPECT",
            "HTTP2_SETTINGS", "AUTHORIZATION", "X_GOOG_API_KEY", "COOKIE", "COOKIE2",
            "FORWARDED", "X_FORWARDED_FOR", "X_FORWARDED_PROTO", "X_FORWARDED_HOST", "X_FORWARDED_PORT",
            "X_FORWARDED_SERVER", "X_FORWARDED_PREFIX", "X_REAL_IP", "X_CLIENT_IP", "TRUE_CLIENT_IP",
            "X_ORIGINAL_URL", "X_REWRITE_URL", "X_ORIGINAL_URI", "X_HTTP_METHOD_OVERRIDE", "X_HTTP_METHOD", "X_METHOD_OVERRIDE");

    private final Set<String> nominated;

    private InboundHeaders(Set<String> nominated) {
        this.nominated = nominated;
    }

    /** @param connectionValues every value of the request's {@code Connection} header(s); its options are hop-by-hop too */
    public static InboundHeaders nominatedBy(Iterable<String> connectionValues) {
        var names = new HashSet<String>();
        for (String value : connectionValues) {
            for (String option : value.split(",")) {
                String name = option.trim();
                if (!name.isEmpty()) {
                    names.add(fold(name));
                }
            }
        }
        return new InboundHeaders(names);
    }

    public boolean forwarded(String name) {
        String folded = fold(name);
        return !DROPPED.contains(folded) && !folded.startsWith(IDENTITY_PREFIX) && !nominated.contains(folded)
                && !folded.isEmpty();
    }

    /**
     * A value that may travel on HTTP/1.1 unchanged: visible ASCII, space, tab and obs-text (RFC 9110 §5.5),
     * forwarded byte for byte. Controls, C1 ones included, could split or bend the request on its way.
     *
     * @throws dev.tollgate.protocol.ApiException 400 otherwise
     */
    public static String forwardable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || (c >= 0x7f && c < 0xa0) || c > 0xff) {
                throw ApiError.INVALID_ARGUMENT.exception("The request has a header that cannot be forwarded.");
            }
        }
        return value;
    }

    /** The name as an environ sees it: upper case, anything but a letter or digit as {@code _}. */
    static String fold(String name) {
        var folded = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            folded.append((c >= 'a' && c <= 'z') ? (char) (c - 32) : (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c : '_');
        }
        return folded.toString();
    }
}
