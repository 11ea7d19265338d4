package dev.tollgate.server.account;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * Where the sign-in and sign-up pages go afterwards. Only a path on this server is followed, so the
 * pages cannot be made to send someone, freshly signed in, to another site (an open redirect).
 *
 * <p>Accepted: {@code /} followed by printable ASCII, not {@code //} nor {@code /\} (browsers read
 * both as the start of another host), no backslash anywhere, no whitespace or control characters
 * (browsers drop tabs and newlines, so {@code /\t/evil.com} would become {@code //evil.com}).
 */
public final class ContinueUrl {
    public static final String DEFAULT = "/account";
    /** Where signing in goes when nothing else is asked for: the developer console. */
    public static final String AFTER_SIGN_IN = "/";
    /** Authorization requests with many scopes and a long state are the longest legitimate ones. */
    static final int MAX_LENGTH = 4096;

    private ContinueUrl() {}

    /** {@code candidate} if it is a safe same-origin path, otherwise {@link #DEFAULT}. */
    public static String orDefault(String candidate) {
        return parse(candidate).orElse(DEFAULT);
    }

    public static Optional<String> parse(String candidate) {
        if (candidate == null || candidate.length() < 1 || candidate.length() > MAX_LENGTH || candidate.charAt(0) != '/') {
            return Optional.empty();
        }
        if (candidate.length() > 1 && (candidate.charAt(1) == '/' || candidate.charAt(1) == '\\')) {
            return Optional.empty();
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '\\') {
                return Optional.empty();
            }
        }
        try {
            URI uri = new URI(candidate);
            if (uri.getScheme() != null || uri.getRawAuthority() != null || uri.getRawFragment() != null) {
                return Optional.empty();
            }
        } catch (URISyntaxException | NumberFormatException e) {
            // The JDK's parser throws NumberFormatException for some IPv6 literals (//[::2666666666.1.1.1]/).
            return Optional.empty();
        }
        return Optional.of(candidate);
    }
}
