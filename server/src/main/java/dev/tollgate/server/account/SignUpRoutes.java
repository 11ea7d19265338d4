package dev.tollgate.server.account;

import dev.tollgate.core.session.BrowserSignIn;
import dev.tollgate.core.session.SessionService;
import dev.tollgate.core.throttle.Throttled;
import dev.tollgate.core.user.AccountException;
import dev.tollgate.core.user.AccountProblem;
import dev.tollgate.core.user.EmailAddress;
import dev.tollgate.core.user.EmailVerification;
import dev.tollgate.core.user.MailOutcome;
import dev.tollgate.server.pages.FormFields;
import dev.tollgate.server.pages.Pages;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Map;

/** {@code /signup}: anyone creates an account, unless the server runs with {@code --signup closed}. */
final class SignUpRoutes {
    private final Sessions sessions;
    private final SessionService service;
    private final Pages pages;
    private final ContinueTargets continueTargets;
    private final EmailVerification verification;
    private final ClientAddresses addresses;

    SignUpRoutes(Sessions sessions, SessionService service, Pages pages, ContinueTargets continueTargets,
                 EmailVerification verification, ClientAddresses addresses) {
        this.continueTargets = continueTargets;
        this.verification = verification;
        this.addresses = addresses;
        this.sessions = sessions;
        this.service = service;
        this.pages = pages;
    }

    void register(Javalin app) {
        pages.get(app, "/signup", this::show);
        pages.post(app, "/signup", this::signUp);
    }

    private void show(Context ctx) {
        String continueUrl = ContinueUrl.orDefault(FormFields.ofQuery(ctx).text("continue"));
        render(ctx, 200, "", continueUrl, null);
    }

    private void signUp(Context ctx, FormFields form) {
        String continueUrl = ContinueUrl.orDefault(form.text("continue"));
        String email = form.text("email");
        try {
            BrowserSignIn signUp = service.signUp(email, form.text("password"), addresses.of(ctx), sessions.deviceCookie(ctx),
                    sessions.cookieValue(ctx));
            sessions.begin(ctx, signUp.session());
            sessions.rememberDevice(ctx, signUp.deviceCookie());
            MailOutcome mailed = verification.sendVerification(signUp.session().signedIn().user(), addresses.of(ctx));
            // The account page is the "check your mail" page for an unverified person; it also says when the mail failed.
            boolean toAccount = continueUrl.equals(ContinueUrl.DEFAULT);
            pages.redirect(ctx, toAccount && mailed == MailOutcome.FAILED ? AccountRoutes.withMailNotice(MailNotice.of(mailed)) : continueUrl);
        } catch (AccountException e) {
            render(ctx, statusOf(e.problem()), EmailAddress.parse(email).orElse(""), continueUrl, e.getMessage());
        } catch (Throttled e) {
            ctx.header("Retry-After", Long.toString(Math.max(1, e.retryAfter().toSeconds())));
            render(ctx, 429, EmailAddress.parse(email).orElse(""), continueUrl, e.getMessage());
        }
    }

    private void render(Context ctx, int status, String email, String continueUrl, String error) {
        var form = new SignUpForm(service.accounts().signUpOpen(), email, continueUrl, error, Sessions.signInUrl(continueUrl));
        pages.render(ctx, status, continueTargets.policyFor(continueUrl), "signup.jte", pages.page(ctx, "Create your account"),
                Map.of("form", form));
    }

    private static int statusOf(AccountProblem problem) {
        return switch (problem) {
            case SIGN_UP_CLOSED -> 403;
            case EMAIL_TAKEN -> 409;
            case SERVER_BUSY -> 503;
            default -> 400;
        };
    }
}
