package dev.tollgate.server.account;

import dev.tollgate.core.session.NewSession;
import dev.tollgate.core.session.SessionService;
import dev.tollgate.core.session.SignedIn;
import dev.tollgate.server.pages.Cookies;
import dev.tollgate.server.pages.PageRedirect;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Who is signed in on a page request, for every page that needs a person (account, consent,
 * device, permissions).
 *
 * <pre>{@code
 * SignedIn who = sessions.requireSignIn(ctx);          // or a 302 to /signin?continue=<this page>
 * Optional<SignedIn> maybe = sessions.current(ctx);    // no redirect
 * // OAuth prompt=login / select_account, login_hint:
 * throw new PageRedirect(Sessions.signInUrl(continueUrl, SignInPrompt.LOGIN, loginHint), 302);
 * }</pre>
 *
 * The session id travels in the cookie {@code __Host-tollgate_session} (https issuer) or
 * {@code tollgate_session} (http), HttpOnly, SameSite=Lax.
 */
public final class Sessions {
    /** The session cookie's name, before the {@code __Host-} prefix an https issuer adds. */
    public static final String COOKIE = "tollgate_session";
    /** The device cookie's name (see {@code KnownDevices}): it lets the sign-in throttle recognise the browser. */
    public static final String DEVICE_COOKIE = "tollgate_device";
    private static final String ATTRIBUTE = Sessions.class.getName();

    private final SessionService service;
    private final Cookies cookies;

    public Sessions(SessionService service, Cookies cookies) {
        this.service = service;
        this.cookies = cookies;
    }

    /** The signed-in person, if the request carries a live session; looked up once per request. */
    public Optional<SignedIn> current(Context ctx) {
        Optional<SignedIn> cached = ctx.attribute(ATTRIBUTE);
        if (cached == null) {
            cached = cookieValue(ctx).flatMap(service::resume);
            ctx.attribute(ATTRIBUTE, cached);
        }
        return cached;
    }

    /**
     * The signed-in person; otherwise a 302 to the sign-in page, which comes back to this request's
     * path and query (meant for GET pages; a POST handler should name its page with the other form).
     */
    public SignedIn requireSignIn(Context ctx) {
        String query = ctx.queryString();
        return requireSignIn(ctx, ctx.path() + (query == null || query.isEmpty() ? "" : "?" + query));
    }

    /**
     * The signed-in person; otherwise a 302 to {@code /signin?continue=continueUrl}. A continue URL
     * that is not a same-origin path is replaced by {@code /account}.
     *
     * @throws PageRedirect when no one is signed in (rendered by {@code Pages}' handlers)
     */
    public SignedIn requireSignIn(Context ctx, String continueUrl) {
        return current(ctx).orElseThrow(() -> new PageRedirect(signInUrl(continueUrl), 302));
    }

    /** {@code /signin?continue=…} */
    public static String signInUrl(String continueUrl) {
        return signInUrl(continueUrl, SignInPrompt.NONE, null);
    }

    /**
     * The sign-in page that comes back to {@code continueUrl}. With {@link SignInPrompt#LOGIN} or
     * {@link SignInPrompt#SELECT_ACCOUNT} it shows the form even to a signed-in person; a
     * {@code loginHint} pre-fills the email.
     *
     * <p>After signing in, the browser goes to {@code continueUrl} as it is: if that URL asks for
     * {@code prompt=login} again, the endpoint must recognise the fresh sign-in (compare
     * {@link SignedIn#authTime()} with when it sent the person away) or drop the prompt from the
     * continue URL, or the person goes round in a loop.
     */
    public static String signInUrl(String continueUrl, SignInPrompt prompt, String loginHint) {
        var url = new StringBuilder("/signin?continue=").append(encode(ContinueUrl.orDefault(continueUrl)));
        if (prompt != SignInPrompt.NONE) {
            url.append("&prompt=").append(prompt.wireName());
        }
        if (loginHint != null && !loginHint.isEmpty()) {
            url.append("&login_hint=").append(encode(loginHint));
        }
        return url.toString();
    }

    /** Starts the browser's new session: sets the cookie, for as long as the session can last. */
    void begin(Context ctx, NewSession session) {
        cookies.set(ctx, COOKIE, session.sessionId(), Optional.of(service.policy().absolute()));
        ctx.attribute(ATTRIBUTE, Optional.of(session.signedIn()));
    }

    /** Ends the browser's session, in the database and in the cookie. */
    void end(Context ctx) {
        cookieValue(ctx).ifPresent(service::end);
        cookies.clear(ctx, COOKIE);
        ctx.attribute(ATTRIBUTE, Optional.empty());
    }

    /** The browser's device cookie, if it holds one. */
    Optional<String> deviceCookie(Context ctx) {
        return cookies.read(ctx, DEVICE_COOKIE);
    }

    /** Gives the browser the device cookie it keeps from now on, for as long as a device stays known. */
    void rememberDevice(Context ctx, String deviceCookie) {
        cookies.set(ctx, DEVICE_COOKIE, deviceCookie, Optional.of(dev.tollgate.core.user.KnownDevices.LIFETIME));
    }

    Optional<String> cookieValue(Context ctx) {
        return cookies.read(ctx, COOKIE);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
