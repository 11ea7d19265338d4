package dev.tollgate.server.pages;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Content-Security-Policy of a page. {@link #DEFAULT} allows only this origin: no inline
 * script or style, no framing, forms post only here.
 *
 * <p>A form whose answer redirects elsewhere needs that destination in {@code form-action}, since
 * browsers check the whole redirect chain of a form submission: the consent page, whose Allow and
 * Deny buttons end at the OAuth client's redirect URI, renders with
 * {@code ContentSecurityPolicy.DEFAULT.allowingFormActionTo(redirectUri)}.
 */
public final class ContentSecurityPolicy {
    public static final ContentSecurityPolicy DEFAULT = new ContentSecurityPolicy(Set.of());

    /** A CSP source expression: scheme, host and port, nothing that could end the directive. */
    private static final Pattern SOURCE = Pattern.compile("[a-z][a-z0-9+.-]*:(//[a-z0-9.\\-\\[\\]:]+)?");

    private final Set<String> extraFormActions;

    private ContentSecurityPolicy(Set<String> extraFormActions) {
        this.extraFormActions = extraFormActions;
    }

    /**
     * This policy, with forms also allowed to end at {@code target}'s origin (scheme, host and port),
     * or at its scheme for a custom-scheme redirect URI of an installed app ({@code com.example.app:/cb}).
     */
    public ContentSecurityPolicy allowingFormActionTo(URI target) {
        String scheme = target.getScheme();
        if (scheme == null) {
            throw new IllegalArgumentException("form-action target must be an absolute URI");
        }
        String source = scheme.toLowerCase(Locale.ROOT) + ":";
        boolean web = source.equals("http:") || source.equals("https:");
        if (target.getHost() == null && (web || target.getRawAuthority() != null)) {
            // A bare "https:" would let forms post to every https site.
            throw new IllegalArgumentException("form-action target has no usable host: " + target);
        }
        if (target.getHost() != null) {
            source += "//" + target.getHost().toLowerCase(Locale.ROOT) + (target.getPort() >= 0 ? ":" + target.getPort() : "");
        }
        if (!SOURCE.matcher(source).matches()) {
            throw new IllegalArgumentException("not a usable form-action source: " + source);
        }
        var more = new LinkedHashSet<>(extraFormActions);
        more.add(source);
        return new ContentSecurityPolicy(Set.copyOf(more));
    }

    public String headerValue() {
        var formAction = new StringBuilder("'self'");
        extraFormActions.stream().sorted().forEach(s -> formAction.append(' ').append(s));
        return "default-src 'self'; frame-ancestors 'none'; form-action " + formAction;
    }

    @Override
    public String toString() {
        return headerValue();
    }
}
