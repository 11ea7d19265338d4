package dev.tollgate.server.oauth;

import dev.tollgate.core.oauth.DeviceVerification;
import dev.tollgate.core.oauth.Person;
import dev.tollgate.core.session.SignedIn;
import dev.tollgate.server.account.Sessions;
import dev.tollgate.server.pages.FormFields;
import dev.tollgate.server.pages.Pages;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code /device} (RFC 8628 §3.3): a signed-in person types the code their device shows, sees what
 * it asks for, and allows or denies it. The checks, and the throttles that keep codes from being
 * guessed, are {@link DeviceVerification}'s; a throttled post is answered 429 by {@link Pages}.
 */
public final class DevicePages {
    private final DeviceVerification verification;
    private final Sessions sessions;
    private final Pages pages;
    private final Function<Context, InetAddress> addresses;

    public DevicePages(DeviceVerification verification, Sessions sessions, Pages pages, Function<Context, InetAddress> addresses) {
        this.verification = verification;
        this.sessions = sessions;
        this.pages = pages;
        this.addresses = addresses;
    }

    public void register(Javalin app) {
        pages.get(app, "/device", ctx -> {
            sessions.requireSignIn(ctx);
            enterCode(ctx, 200, FormFields.ofQuery(ctx).text("user_code"), null);
        });
        pages.post(app, "/device", (ctx, form) -> {
            SignedIn signedIn = sessions.requireSignIn(ctx, "/device");
            String typed = form.text("user_code");
            DeviceVerification.CodeCheck check = verification.check(typed, person(signedIn), addresses.apply(ctx));
            if (check instanceof DeviceVerification.Consent consent) {
                var model = new LinkedHashMap<String, Object>();
                model.put("userCode", consent.userCode());
                model.put("email", consent.email());
                model.put("application", consent.application());
                model.put("scopes", consent.scopes());
                model.put("asksForAdmin", consent.asksForAdmin());
                pages.render(ctx, "device-consent.jte", pages.page(ctx, "Allow this device?"), model);
            } else if (check instanceof DeviceVerification.Refused refused) {
                refused.retryAfter().ifPresent(wait -> ctx.header("Retry-After", Long.toString(Math.max(1, wait.toSeconds()))));
                enterCode(ctx, refused.retryAfter().isPresent() ? 429 : 400, typed, refused.message());
            }
        });
        pages.post(app, "/device/decision", (ctx, form) -> {
            SignedIn signedIn = sessions.requireSignIn(ctx, "/device");
            DeviceVerification.Decision decision = verification.decide(form.text("user_code"), person(signedIn),
                    form.text("decision").equals("allow"), addresses.apply(ctx));
            if (!decision.decided()) dev.tollgate.server.audit.AuditNotes.refused(ctx, "USER_CODE_INVALID");
            pages.render(ctx, "device-done.jte", pages.page(ctx, decision.allowed() ? "Device allowed" : "Device not allowed"),
                    Map.of("message", decision.message()));
        });
    }

    private static Person person(SignedIn signedIn) {
        return new Person(signedIn.user().userId(), signedIn.user().email(), signedIn.authTime());
    }

    private void enterCode(Context ctx, int status, String userCode, String error) {
        var model = new LinkedHashMap<String, Object>();
        model.put("userCode", userCode == null ? "" : userCode);
        model.put("error", error);
        pages.render(ctx, status, "device.jte", pages.page(ctx, "Connect a device"), model);
    }
}
