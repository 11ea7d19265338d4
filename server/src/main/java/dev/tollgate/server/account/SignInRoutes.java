package dev.tollgate.server.account;

import dev.tollgate.core.session.BrowserSignIn;
import dev.tollgate.core.session.SessionService;
import dev.tollgate.core.session.SignedIn;
import dev.tollgate.core.user.AccountException;
import dev.tollgate.core.user.EmailAddress;
import dev.tollgate.server.pages.FormFields;
import dev.tollgate.server.pages.Pages;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;

/** {@code /signin}: the form, and checking what it sends. */
final class SignInRoutes {
    private final Sessions sessions;
    private final SessionService service;
    private final Pages pages;
    private final ContinueTargets continueTargets;
    private final ClientAddresses addresses;

    SignInRoutes(Sessions sessions, SessionService service, Pages pages, ClientAddresses addresses, ContinueTargets continueTargets) {
        this.continueTargets = continueTargets;
        this.sessions = sessions;
        this.service = service;
        this.pages = pages;
        this.addresses = addresses;
    }

    void register(Javalin app) {
        pages.get(app, "/signin", this::show);
        pages.post(app, "/signin", this::signIn);
    }

    private void show(Context ctx) {
        FormFields query = FormFields.ofQuery(ctx);
        String continueUrl = ContinueUrl.parse(query.text("continue")).orElse(ContinueUrl.AFTER_SIGN_IN);
        SignInPrompt prompt = SignInPrompt.parse(query.text("prompt"));
        Optional<SignedIn> current = sessions.current(ctx);
        if (current.isPresent() && prompt == SignInPrompt.NONE) {
            pages.redirect(ctx, continueUrl, 302);
            return;
        }
        String email = hint(query.text("login_hint"))
                .or(() -> current.filter(c -> prompt == SignInPrompt.LOGIN).map(c -> c.user().email())).orElse("");
        String continueAs = prompt == SignInPrompt.SELECT_ACCOUNT ? current.map(c -> c.user().email()).orElse(null) : null;
        render(ctx, 200, new SignInForm(email, continueUrl, null, continueAs, null));
    }

    private void signIn(Context ctx, FormFields form) {
        String email = form.text("email");
        String continueUrl = ContinueUrl.parse(form.text("continue")).orElse(ContinueUrl.AFTER_SIGN_IN);
        try {
            BrowserSignIn signIn = service.signIn(email, form.text("password"), addresses.of(ctx), sessions.deviceCookie(ctx),
                    sessions.cookieValue(ctx));
            sessions.begin(ctx, signIn.session());
            sessions.rememberDevice(ctx, signIn.deviceCookie());
            pages.redirect(ctx, continueUrl);
        } catch (AccountException e) {
            int status = switch (e.problem()) {
                case TOO_MANY_ATTEMPTS -> 429;
                case SERVER_BUSY -> 503;
                default -> 403;
            };
            e.retryAfter().ifPresent(wait -> ctx.header("Retry-After", Long.toString(Math.max(1, wait.toSeconds()))));
            render(ctx, status, new SignInForm(hint(email).orElse(""), continueUrl, e.getMessage(), null, null));
        }
    }

    private void render(Context ctx, int status, SignInForm form) {
        String signUpUrl = service.accounts().signUpOpen()
                ? "/signup" + (form.continueUrl().equals(ContinueUrl.AFTER_SIGN_IN) ? "" : "?continue=" + Sessions.encode(form.continueUrl()))
                : null;
        var withLink = new SignInForm(form.email(), form.continueUrl(), form.error(), form.continueAsEmail(), signUpUrl);
        pages.render(ctx, status, continueTargets.policyFor(form.continueUrl()), "signin.jte", pages.page(ctx, "Sign in"),
                Map.of("form", withLink));
    }

    /** What may be echoed back into the email field: something shaped like an email, or nothing. */
    private static Optional<String> hint(String email) {
        return EmailAddress.parse(email);
    }
}
