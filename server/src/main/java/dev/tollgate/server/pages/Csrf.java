package dev.tollgate.server.pages;

import dev.tollgate.core.secret.Secrets;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Cross-site request forgery protection for every page form.
 *
 * <p>A form carries {@value #FIELD}, a hash of a secret that only this browser holds in an
 * HttpOnly cookie: the session id once signed in (a synchronizer token bound to the session, which
 * changes at every sign-in), before that a random pre-session cookie (a double-submit cookie, for
 * the sign-in and sign-up forms). Another site can make the browser send the cookie but can
 * neither read it nor the token, so it cannot fill in the field. The token is a one-way hash, so a
 * page's HTML never reveals the session id.
 */
public final class Csrf {
    /** The hidden field every form must carry. */
    public static final String FIELD = "csrf_token";
    static final String PRE_SESSION_COOKIE = "tollgate_csrf";
    private static final String ATTRIBUTE = Csrf.class.getName();

    private final Cookies cookies;
    private final String sessionCookie;

    /** @param sessionCookie the name of the cookie that holds the session id */
    public Csrf(Cookies cookies, String sessionCookie) {
        this.cookies = cookies;
        this.sessionCookie = sessionCookie;
    }

    /**
     * The token for forms of the page being rendered; sets the pre-session cookie when the browser
     * has neither a session nor that cookie yet.
     */
    public String token(Context ctx) {
        String secret = cookies.read(ctx, sessionCookie).filter(Csrf::isWellFormed)
                .or(() -> Optional.ofNullable(ctx.<String>attribute(ATTRIBUTE)))
                .or(() -> cookies.read(ctx, PRE_SESSION_COOKIE).filter(Csrf::isWellFormed))
                .orElseGet(() -> newPreSessionSecret(ctx));
        return tokenFor(secret);
    }

    /** Passes if the form's token matches one of the secrets this browser sent; a 403 page otherwise. */
    public void verify(Context ctx, FormFields form) {
        byte[] submitted = form.optional(FIELD).orElseThrow(Csrf::refused).getBytes(StandardCharsets.UTF_8);
        boolean matches = Stream.of(cookies.read(ctx, sessionCookie), cookies.read(ctx, PRE_SESSION_COOKIE))
                .flatMap(Optional::stream).filter(Csrf::isWellFormed)
                .anyMatch(secret -> MessageDigest.isEqual(submitted, tokenFor(secret).getBytes(StandardCharsets.UTF_8)));
        if (!matches) {
            throw refused();
        }
    }

    private String newPreSessionSecret(Context ctx) {
        String secret = Secrets.randomBase62(32);
        cookies.set(ctx, PRE_SESSION_COOKIE, secret, Optional.empty());
        ctx.attribute(ATTRIBUTE, secret);
        return secret;
    }

    private static String tokenFor(String secret) {
        // Distinct from Secrets.hash(secret), which is what the sessions table stores.
        return Secrets.hash("csrf-token:" + secret);
    }

    /** Ids this code made are 32 base62 characters; other cookie values are ignored. */
    private static boolean isWellFormed(String value) {
        return value.length() == 32 && value.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z');
    }

    private static PageError refused() {
        return new PageError(403, "This form has expired",
                "The form was not sent from this site's page, or the page is too old. Go back, reload the page and try again.");
    }
}
