/**
 * The HTML pages' infrastructure: one layout, one set of security headers, CSRF protection for
 * every form, strict form parsing and one error page. Pages use no JavaScript and load nothing
 * from other origins; they work without CSS.
 *
 * <h2>Writing a page</h2>
 *
 * <p>A page is a JTE template under {@code server/src/main/jte} (compiled to Java at build time,
 * so a template mistake fails the build) and a handler registered through {@link
 * dev.tollgate.server.pages.Pages}: {@link dev.tollgate.server.pages.Pages#get Pages.get} for a
 * page, {@link dev.tollgate.server.pages.Pages#post Pages.post} for a form, whose body has been
 * read strictly ({@link dev.tollgate.server.pages.FormFields}) and whose CSRF token has been
 * checked before the handler runs. Both set the headers below and turn a thrown {@link
 * dev.tollgate.server.pages.PageError} into the error page, {@link
 * dev.tollgate.server.pages.PageRedirect} (what {@code Sessions.requireSignIn} throws) into a
 * redirect, and anything unexpected into a 500 page without a stack trace.
 *
 * <p>Every template takes {@code @param Page page} (the title and the CSRF token, from {@link
 * dev.tollgate.server.pages.Pages#page Pages.page(ctx, title)}) and wraps its content in the
 * layout; every form includes {@code @template.csrf(page = page)}. The consent page, for example:
 *
 * <pre>{@code
 * // server/src/main/jte/consent.jte
 * @import dev.tollgate.server.pages.Page
 * @import dev.tollgate.server.oauth.ConsentView        // your record: app, project, scopes, ...
 * @param Page page
 * @param ConsentView consent
 * @template.layout(page = page, content = @`
 * <p><strong>${consent.appName()}</strong> (project ${consent.projectId()}) wants to:</p>
 * <ul class="scopes">
 * @for(var scope : consent.scopes())
 * <li>${scope.description()}</li>
 * @endfor
 * </ul>
 * <form method="post" action="/o/oauth2/v2/auth/consent">
 * @template.csrf(page = page)
 * <input type="hidden" name="request" value="${consent.requestId()}">
 * <p><button type="submit" name="decision" value="allow">Allow</button>
 * <button type="submit" name="decision" value="deny" class="secondary">Deny</button></p>
 * </form>
 * `)
 * }</pre>
 *
 * <pre>{@code
 * pages.get(app, "/o/oauth2/v2/auth", ctx -> {
 *     SignedIn who = sessions.requireSignIn(ctx);           // 302 to /signin?continue=… if nobody is
 *     ConsentView view = ...;                               // one domain call
 *     pages.render(ctx, 200, ContentSecurityPolicy.DEFAULT.allowingFormActionTo(redirectUri),
 *             "consent.jte", pages.page(ctx, "Sign in to " + view.appName()), Map.of("consent", view));
 * });
 * pages.post(app, "/o/oauth2/v2/auth/consent", (ctx, form) -> {
 *     String decision = form.text("decision");              // a field sent twice is a 400 page
 *     ...
 *     ctx.redirect(...)  // to the client's redirect URI: allowed by the consent page's form-action
 * });
 * }</pre>
 *
 * <p>Errors that concern the person rather than the client (e.g. an unknown {@code client_id} or a
 * redirect URI that does not match, where RFC 6749 §4.1.2.1 forbids redirecting) use the error page:
 * {@code pages.error(ctx, 400, "Invalid client", "The application's client ID is not known here.")}
 * or {@code throw new PageError(400, title, message)}.
 *
 * <h2>Headers on every page</h2>
 *
 * <p>{@code X-Frame-Options: DENY}, {@code Content-Security-Policy: default-src 'self';
 * frame-ancestors 'none'; form-action 'self'} ({@link
 * dev.tollgate.server.pages.ContentSecurityPolicy}: a form whose answer redirects to another
 * origin needs that origin in {@code form-action}, since browsers check the redirect chain),
 * {@code Referrer-Policy: no-referrer} (authorization URLs carry codes and state), {@code
 * Cache-Control: no-store}, {@code X-Content-Type-Options: nosniff}.
 *
 * <h2>CSRF</h2>
 *
 * <p>See {@link dev.tollgate.server.pages.Csrf}: the token is a hash of a secret held in an
 * HttpOnly cookie, the session id once signed in, a pre-session cookie before. A POST without the
 * right token gets a 403 page.
 */
package dev.tollgate.server.pages;
