package dev.tollgate.server.account;

import dev.tollgate.core.user.AccountException;
import dev.tollgate.core.user.AccountProblem;
import dev.tollgate.core.user.EmailAddress;
import dev.tollgate.core.user.EmailVerification;
import dev.tollgate.core.user.PasswordReset;
import dev.tollgate.server.pages.FormFields;
import dev.tollgate.server.pages.Pages;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;

/**
 * The pages mailed links open, and asking for a password reset: {@code /verify-email},
 * {@code /confirm-email-change}, {@code /forgot-password} and {@code /reset-password}.
 */
final class MailLinkRoutes {
    private final Sessions sessions;
    private final Pages pages;
    private final ClientAddresses addresses;
    private final EmailVerification verification;
    private final PasswordReset reset;

    MailLinkRoutes(Sessions sessions, Pages pages, ClientAddresses addresses, EmailVerification verification, PasswordReset reset) {
        this.sessions = sessions;
        this.pages = pages;
        this.addresses = addresses;
        this.verification = verification;
        this.reset = reset;
    }

    void register(Javalin app) {
        pages.get(app, EmailVerification.VERIFY_PATH, this::verify);
        pages.get(app, EmailVerification.CHANGE_PATH, this::confirmChange);
        pages.get(app, "/forgot-password", ctx -> renderForgot(ctx, "", false));
        pages.post(app, "/forgot-password", this::forgot);
        pages.get(app, PasswordReset.PATH, this::showReset);
        pages.post(app, PasswordReset.PATH, this::reset);
    }

    private void verify(Context ctx) {
        String token = FormFields.ofQuery(ctx).text("token");
        if (verification.verify(token).isPresent()) {
            result(ctx, 200, "Address verified", "Your email address is verified.", "/account", "Go to your account");
        } else {
            invalidLink(ctx);
        }
    }

    private void confirmChange(Context ctx) {
        String token = FormFields.ofQuery(ctx).text("token");
        try {
            var user = verification.confirmChange(token);
            if (user.isPresent()) {
                result(ctx, 200, "Address changed", "Your account's address is now " + user.get().email() + ".", "/account",
                        "Go to your account");
            } else {
                invalidLink(ctx);
            }
        } catch (AccountException e) {
            result(ctx, 409, "Address not changed", e.getMessage(), "/account", "Go to your account");
        }
    }

    /** The same answer whether or not the address has an account, and whether or not a mail went out. */
    private void forgot(Context ctx, FormFields form) {
        String email = form.text("email");
        reset.requestReset(email, addresses.of(ctx));
        renderForgot(ctx, EmailAddress.parse(email).orElse(""), true);
    }

    private void renderForgot(Context ctx, String email, boolean asked) {
        pages.render(ctx, "forgot-password.jte", pages.page(ctx, "Reset your password"),
                Map.of("email", email, "asked", asked));
    }

    private void showReset(Context ctx) {
        String token = FormFields.ofQuery(ctx).text("token");
        if (!reset.isLive(token)) {
            invalidLink(ctx);
            return;
        }
        renderReset(ctx, 200, token, null);
    }

    private void reset(Context ctx, FormFields form) {
        String token = form.text("token");
        try {
            if (reset.reset(token, form.text("new_password")).isEmpty()) {
                invalidLink(ctx);
                return;
            }
        } catch (AccountException e) {
            renderReset(ctx, 400, token, e.getMessage());
            return;
        }
        // Every session of the person ended; this browser's cookie goes too.
        sessions.end(ctx);
        result(ctx, 200, "Password changed", "Your password was changed and you were signed out everywhere."
                + " Sign in with your new password.", "/signin", "Sign in");
    }

    private void renderReset(Context ctx, int status, String token, String error) {
        var params = new HashMap<String, Object>();
        params.put("token", token);
        params.put("error", error);
        pages.render(ctx, status, "reset-password.jte", pages.page(ctx, "Choose a new password"), params);
    }

    private void invalidLink(Context ctx) {
        result(ctx, 400, "Link not valid", AccountProblem.LINK_INVALID.message(), "/forgot-password", "Reset your password");
    }

    private void result(Context ctx, int status, String title, String message, String href, String linkText) {
        pages.render(ctx, status, "mail-result.jte", pages.page(ctx, title),
                Map.of("message", message, "href", href, "linkText", linkText));
    }
}
