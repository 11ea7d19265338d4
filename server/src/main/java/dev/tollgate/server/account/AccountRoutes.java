package dev.tollgate.server.account;

import dev.tollgate.core.session.SessionService;
import dev.tollgate.core.session.SignedIn;
import dev.tollgate.core.user.AccountException;
import dev.tollgate.core.user.AccountProblem;
import dev.tollgate.server.pages.FormFields;
import dev.tollgate.server.pages.Pages;
import io.javalin.Javalin;
import io.javalin.http.Context;
import dev.tollgate.core.user.EmailVerification;
import java.util.Map;
import java.util.Optional;

/** {@code /account}, {@code /account/password} and {@code /signout}: what a signed-in person does with their account. */
final class AccountRoutes {
    private static final String PASSWORD_CHANGED = "Your password was changed. You were signed out everywhere else.";

    private final Sessions sessions;
    private final SessionService service;
    private final Pages pages;
    private final ClientAddresses addresses;
    private final EmailVerification verification;

    AccountRoutes(Sessions sessions, SessionService service, Pages pages, ClientAddresses addresses, EmailVerification verification) {
        this.verification = verification;
        this.sessions = sessions;
        this.service = service;
        this.pages = pages;
        this.addresses = addresses;
    }

    void register(Javalin app) {
        pages.get(app, "/account", this::show);
        pages.post(app, "/account/password", this::changePassword);
        pages.post(app, "/account/verification", this::resendVerification);
        pages.post(app, "/account/email", this::changeEmail);
        pages.get(app, "/signout", this::showSignOut);
        pages.post(app, "/signout", this::signOut);
    }

    private void show(Context ctx) {
        SignedIn who = sessions.requireSignIn(ctx, "/account");
        FormFields query = FormFields.ofQuery(ctx);
        boolean changed = query.optional("password").filter("changed"::equals).isPresent();
        Optional<MailNotice> mail = query.optional("mail").flatMap(MailNotice::parse);
        if (mail.isPresent()) {
            MailNotice n = mail.get();
            render(ctx, 200, who, n.isError() ? null : n.text(), n.isError() ? n.text() : null, true);
            return;
        }
        render(ctx, 200, who, changed ? PASSWORD_CHANGED : null, null);
    }

    /** Links to the account page with one of the mail notices. */
    static String withMailNotice(MailNotice notice) {
        return ContinueUrl.DEFAULT + "?mail=" + notice.wireName();
    }

    private void resendVerification(Context ctx, FormFields form) {
        SignedIn who = sessions.requireSignIn(ctx, "/account");
        if (verification.isVerified(who.user())) {
            pages.redirect(ctx, withMailNotice(MailNotice.VERIFIED));
            return;
        }
        pages.redirect(ctx, withMailNotice(MailNotice.of(verification.sendVerification(who.user(), addresses.of(ctx)))));
    }

    private void changeEmail(Context ctx, FormFields form) {
        SignedIn who = sessions.requireSignIn(ctx, "/account");
        try {
            var outcome = verification.requestChange(who.user(), form.text("new_email"), form.text("current_password"), addresses.of(ctx));
            pages.redirect(ctx, withMailNotice(MailNotice.ofChange(outcome)));
        } catch (AccountException e) {
            render(ctx, e.problem() == AccountProblem.TOO_MANY_ATTEMPTS ? 429 : 400, who, null, e.getMessage(), true);
        }
    }

    private void changePassword(Context ctx, FormFields form) {
        SignedIn who = sessions.requireSignIn(ctx, "/account");
        try {
            service.changePassword(who, form.text("current_password"), form.text("new_password"), addresses.of(ctx));
            pages.redirect(ctx, "/account?password=changed");
        } catch (AccountException e) {
            render(ctx, e.problem() == AccountProblem.TOO_MANY_ATTEMPTS ? 429 : 400, who, null, e.getMessage());
        }
    }

    private void showSignOut(Context ctx) {
        SignedIn who = sessions.requireSignIn(ctx, "/signout");
        pages.render(ctx, "signout.jte", pages.page(ctx, "Sign out"), Map.of("email", who.user().email()));
    }

    private void signOut(Context ctx, FormFields form) {
        sessions.end(ctx);
        pages.redirect(ctx, "/signin");
    }

    private void render(Context ctx, int status, SignedIn who, String notice, String error) {
        render(ctx, status, who, notice, error, false);
    }

    /** @param aboutAddress whether {@code notice} or {@code error} is about the address rather than the password */
    private void render(Context ctx, int status, SignedIn who, String notice, String error, boolean aboutAddress) {
        var address = new AddressView(verification.isVerified(who.user()), aboutAddress ? notice : null, aboutAddress ? error : null);
        pages.render(ctx, status, "account.jte", pages.page(ctx, "Your account"),
                Map.of("account", new AccountView(who.user().email(), aboutAddress ? null : notice, aboutAddress ? null : error),
                        "address", address));
    }
}
