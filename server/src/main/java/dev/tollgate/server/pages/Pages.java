package dev.tollgate.server.pages;

import dev.tollgate.core.throttle.Throttled;
import java.time.Duration;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders the HTML pages from the JTE templates under {@code server/src/main/jte} (compiled at
 * build time) and gives every page the same headers, CSRF checks and error page. See the package
 * documentation for how to write a page.
 */
public final class Pages {
    private static final Logger LOG = LoggerFactory.getLogger(Pages.class);
    public static final String STYLESHEET = "/static/tollgate.css";

    private final TemplateEngine templates;
    private final Csrf csrf;
    private final byte[] stylesheet;

    public Pages(Csrf csrf) {
        this.templates = TemplateEngine.createPrecompiled(ContentType.Html);
        this.csrf = csrf;
        this.stylesheet = resource("tollgate.css");
    }

    public Csrf csrf() { return csrf; }

    /** Serves the stylesheet and turns {@link PageError}/{@link PageRedirect} thrown by any handler into their page. */
    public void register(Javalin app) {
        app.get(STYLESHEET, ctx -> ctx.contentType("text/css; charset=utf-8")
                .header("Cache-Control", "public, max-age=3600").result(stylesheet));
        app.exception(PageError.class, (e, ctx) -> error(ctx, e));
        app.exception(PageRedirect.class, (e, ctx) -> redirect(ctx, e.location(), e.status()));
    }

    /** A GET page: headers set first, errors rendered as the error page (never a stack trace). */
    public void get(Javalin app, String path, Handler handler) {
        app.get(path, ctx -> guarded(ctx, () -> handler.handle(ctx)));
    }

    /** A form POST: the body is read strictly and the CSRF token checked before {@code handler} runs. */
    public void post(Javalin app, String path, FormHandler handler) {
        app.post(path, ctx -> guarded(ctx, () -> {
            FormFields form = FormFields.ofBody(ctx);
            csrf.verify(ctx, form);
            handler.handle(ctx, form);
        }));
    }

    /** The layout's model for a page with forms; sets the pre-session CSRF cookie if needed. */
    public Page page(Context ctx, String title) {
        return new Page(title, csrf.token(ctx));
    }

    /** Renders {@code template} (e.g. {@code "signin.jte"}) with status 200 and the default policy. */
    public void render(Context ctx, String template, Page page, Map<String, ?> params) {
        render(ctx, 200, ContentSecurityPolicy.DEFAULT, template, page, params);
    }

    public void render(Context ctx, int status, String template, Page page, Map<String, ?> params) {
        render(ctx, status, ContentSecurityPolicy.DEFAULT, template, page, params);
    }

    /**
     * Renders {@code template} with its parameters plus {@code page}.
     *
     * @param csp this page's policy: {@link ContentSecurityPolicy#DEFAULT}, or one that lets a form end elsewhere
     */
    public void render(Context ctx, int status, ContentSecurityPolicy csp, String template, Page page, Map<String, ?> params) {
        var all = new HashMap<String, Object>(params);
        all.put("page", page);
        var out = new StringOutput();
        templates.render(template, all, out);
        securityHeaders(ctx, csp);
        ctx.status(status).contentType("text/html; charset=utf-8").result(out.toString());
    }

    /** The generic error page: a title and one message, e.g. "Invalid client" at the authorization endpoint. */
    public void error(Context ctx, int status, String title, String message) {
        render(ctx, status, "error.jte", new Page(title, null), Map.of("message", message));
    }

    /** A 303 See Other to a same-origin location, with the page headers: what a form POST answers on success. */
    public void redirect(Context ctx, String location) {
        redirect(ctx, location, 303);
    }

    public void redirect(Context ctx, String location, int status) {
        securityHeaders(ctx, ContentSecurityPolicy.DEFAULT);
        ctx.status(status).header("Location", location).result("");
    }

    /** The headers every page has: no framing, no caching, no referrer, same-origin content only. */
    public static void securityHeaders(Context ctx, ContentSecurityPolicy csp) {
        ctx.header("Content-Security-Policy", csp.headerValue());
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
        ctx.header("Pragma", "no-cache");
        ctx.header("X-Content-Type-Options", "nosniff");
    }

    private interface Body {
        void run() throws Exception;
    }

    private void guarded(Context ctx, Body body) {
        securityHeaders(ctx, ContentSecurityPolicy.DEFAULT);
        try {
            body.run();
        } catch (PageError e) {
            error(ctx, e);
        } catch (PageRedirect e) {
            redirect(ctx, e.location(), e.status());
        } catch (Throttled e) {
            tooManyRequests(ctx, e.retryAfter(), e.getMessage());
        } catch (HttpResponseException e) {
            error(ctx, e.getStatus(), "Request refused", "This request cannot be served.");
        } catch (Exception e) {
            LOG.error("Unexpected error on {} {}", ctx.method(), ctx.path(), e);
            error(ctx, 500, "Something went wrong", "Tollgate could not complete this request. Try again in a moment.");
        }
    }

    /**
     * The answer to a throttled request: 429 with {@code Retry-After} and the sentence the person
     * reads. Handlers may call it, or let {@link Throttled} out of any page handler.
     */
    public void tooManyRequests(Context ctx, Duration retryAfter, String message) {
        ctx.header("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds())));
        error(ctx, 429, "Too many attempts", message);
    }

    private void error(Context ctx, PageError e) {
        error(ctx, e.status(), e.title(), e.getMessage());
    }

    private static byte[] resource(String name) {
        try (InputStream in = Pages.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
