package dev.tollgate.server.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.core.principal.Principal;
import dev.tollgate.core.user.AccountException;
import dev.tollgate.core.user.EmailVerification;
import dev.tollgate.core.user.MailOutcome;
import dev.tollgate.core.user.PeopleAdministration;
import dev.tollgate.core.user.User;
import dev.tollgate.core.user.UserAccounts;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.protocol.ApiException;
import dev.tollgate.server.admin.AdminAuthenticator;
import dev.tollgate.server.http.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A platform administrator manages people: {@code POST /admin/v1/users} {@code {"email","password","emailVerified"}}
 * creates one (verified at once with {@code "emailVerified": true}, otherwise mailed a verification
 * link), {@code POST /admin/v1/users/EMAIL:resendVerification} mails a new link and
 * {@code POST /admin/v1/users/EMAIL:revokeVerification} makes the address unverified again,
 * {@code POST /admin/v1/users/EMAIL:disable} and {@code :enable} disable an account (no sign-in, every
 * session and token ended) and enable it again, and {@code GET /admin/v1/users} lists every account.
 */
public final class UserAdminRoutes {
    private static final String RESEND = ":resendVerification";
    private static final String REVOKE = ":revokeVerification";
    private static final String DISABLE = ":disable";
    private static final String ENABLE = ":enable";

    private final AdminAuthenticator auth;
    private final UserAccounts accounts;
    private final EmailVerification verification;
    private final PeopleAdministration administration;
    private final ClientAddresses addresses;

    UserAdminRoutes(AdminAuthenticator auth, UserAccounts accounts, EmailVerification verification, PeopleAdministration administration,
                    ClientAddresses addresses) {
        this.auth = auth;
        this.accounts = accounts;
        this.verification = verification;
        this.administration = administration;
        this.addresses = addresses;
    }

    public void register(Javalin app) {
        app.post("/admin/v1/users", ctx -> {
            var caller = auth.principal(ctx);
            ObjectNode body = Json.object(ctx.body(), Set.of("email", "password", "emailVerified"));
            boolean verified = emailVerified(body);
            User user;
            try {
                user = accounts.create(caller, Json.text(body, "email"), Json.text(body, "password"));
            } catch (AccountException e) {
                throw toApi(e);
            }
            Map<String, Object> rendered;
            if (verified) {
                verification.markVerified(caller, user);
                rendered = render(user, true);
            } else {
                rendered = render(user, false);
                rendered.put("verificationMail", mailed(verification.sendVerification(user, addresses.of(ctx))));
            }
            ok(ctx, rendered);
        });
        app.get("/admin/v1/users", ctx -> ok(ctx, Map.of("users", administration.list(auth.principal(ctx)).stream()
                .map(u -> render(u, verification.isVerified(u))).toList())));
        // Google's custom-method style: the action follows the resource name after a colon.
        app.post("/admin/v1/users/{nameAndAction}", ctx -> {
            var caller = auth.principal(ctx);
            String target = ctx.pathParam("nameAndAction");
            if (target.endsWith(RESEND)) {
                resend(ctx, caller, target.substring(0, target.length() - RESEND.length()));
            } else if (target.endsWith(REVOKE)) {
                User user = verification.revoke(caller, target.substring(0, target.length() - REVOKE.length()));
                ok(ctx, render(user, false));
            } else if (target.endsWith(DISABLE) || target.endsWith(ENABLE)) {
                boolean disable = target.endsWith(DISABLE);
                User user = administration.setDisabled(caller, target.substring(0, target.lastIndexOf(':')), disable);
                ok(ctx, render(user, verification.isVerified(user)));
            } else {
                throw ApiError.NOT_FOUND.exception("The requested URL was not found on this server.");
            }
        });
    }

    private void resend(Context ctx, Principal caller, String email) {
        MailOutcome outcome = verification.resend(caller, email, addresses.of(ctx));
        if (outcome == MailOutcome.THROTTLED) {
            throw ApiError.RATE_LIMIT_EXCEEDED.exception("Too many mails were sent to this address lately; try again in an hour.");
        }
        // A mail server's failure is not the caller's error: the answer says FAILED, the log says why.
        ok(ctx, Map.of("email", email.strip().toLowerCase(java.util.Locale.ROOT), "verificationMail", mailed(outcome)));
    }

    private static boolean emailVerified(ObjectNode body) {
        JsonNode v = body.get("emailVerified");
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw ApiError.INVALID_ARGUMENT.exception("emailVerified must be true or false.");
        }
        return v.booleanValue();
    }

    private static Map<String, Object> render(User user, boolean verified) {
        var rendered = new LinkedHashMap<String, Object>();
        rendered.put("userId", user.userId());
        rendered.put("email", user.email());
        rendered.put("emailVerified", verified);
        rendered.put("disabled", user.disabled());
        rendered.put("createTime", user.createTime().toString());
        return rendered;
    }

    private static String mailed(MailOutcome outcome) {
        return switch (outcome) {
            case SENT -> "SENT";
            case FAILED -> "FAILED";
            case THROTTLED -> "THROTTLED";
        };
    }

    private static void ok(Context ctx, Map<String, ?> body) {
        ctx.status(200).contentType("application/json; charset=UTF-8").result(Json.write(body));
    }

    private static ApiException toApi(AccountException e) {
        return switch (e.problem()) {
            case EMAIL_TAKEN -> ApiError.ALREADY_EXISTS.exception(e.getMessage());
            case SERVER_BUSY -> ApiError.RATE_LIMIT_EXCEEDED.exception(e.getMessage());
            default -> ApiError.INVALID_ARGUMENT.exception(e.getMessage());
        };
    }
}
