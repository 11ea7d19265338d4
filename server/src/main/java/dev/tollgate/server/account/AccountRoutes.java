package dev.tollgate.server.account;

import dev.tollgate.core.session.SessionService;
import dev.tollgate.core.session.SignedIn;
import dev.tollgate.core.user.AccountException;
import dev.tollgate.core.user.AccountProblem;
import dev.tollgate.server.pages.FormFields;
import dev.tollgate.server.pages.Pages;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Map;

/** {@code /account}, {@code /account/password} and {@code /signout}: what a signed-in person does with their account. */
final class AccountRoutes {
    private static final String PASSWORD_CHANGED = "Your password was changed. You were signed out everywhere else.";

    private final Sessions sessions;
    private final SessionService service;
    private final Pages pages;
    private final ClientAddresses addresses;

    AccountRoutes(Sessions sessions, SessionService service, Pages pages, ClientAddresses addresses) {
        this.sessions = sessions;
        this.service = service;
        this.pages = pages;
        this.addresses = addresses;
    }

    void register(Javalin app) {
        pages.get(app, "/account", this::show);
        pages.post(app, "/account/password", this::changePassword);
        pages.get(app, "/signout", this::showSignOut);
        pages.post(app, "/signout", this::signOut);
    }

    private void show(Context ctx) {
        SignedIn who = sessions.requireSignIn(ctx, "/account");
        boolean changed = FormFields.ofQuery(ctx).optional("password").filter("changed"::equals).isPresent();
        render(ctx, 200, who, changed ? PASSWORD_CHANGED : null, null);
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
        pages.render(ctx, status, "account.jte", pages.page(ctx, "Your account"),
                Map.of("account", new AccountView(who.user().email(), notice, error)));
    }
}
