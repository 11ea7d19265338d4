package dev.tollgate.server.console;

import dev.tollgate.core.session.SignedIn;
import dev.tollgate.core.user.EmailVerification;
import dev.tollgate.core.user.PeopleAdministration;
import dev.tollgate.core.user.User;
import dev.tollgate.server.audit.ConsoleAudit;
import dev.tollgate.server.pages.FormFields;
import dev.tollgate.server.pages.PageError;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /console/admin/people}, for platform administrators: every person's account, 50 a page,
 * and disabling one (after a confirmation: they can no longer sign in, and their sessions and
 * tokens end) or enabling it again, as {@code POST /admin/v1/users/EMAIL:disable} and {@code :enable} do.
 */
final class PeoplePages {
    static final String PATH = "/console/admin/people";

    private final Console console;
    private final PeopleAdministration people;
    private final EmailVerification verification;

    PeoplePages(Console console, PeopleAdministration people, EmailVerification verification) {
        this.console = console;
        this.people = people;
        this.verification = verification;
    }

    void register(Javalin app) {
        console.pages().get(app, PATH, this::list);
        console.pages().get(app, ConsoleAudit.DISABLE_PERSON, this::confirmDisable);
        console.pages().post(app, ConsoleAudit.DISABLE_PERSON, (ctx, form) -> setDisabled(ctx, true));
        console.pages().post(app, ConsoleAudit.ENABLE_PERSON, (ctx, form) -> setDisabled(ctx, false));
    }

    private void list(Context ctx) {
        SignedIn who = PlatformAdminPages.requireAdmin(console, console.person(ctx));
        List<PersonRow> rows = Console.call(() -> people.list(Console.principal(who))).stream()
                .map(u -> new PersonRow(u, verification.isVerified(u))).toList();
        FormFields query = FormFields.ofQuery(ctx);
        String notice = switch (query.text("done")) {
            case "disabled" -> "The account " + query.text("person") + " is disabled: it cannot sign in, and its sessions and tokens ended.";
            case "enabled" -> "The account " + query.text("person") + " is enabled.";
            default -> "";
        };
        console.render(ctx, 200, "console/people.jte", "People", Map.of("email", who.user().email(), "people",
                Paging.of(rows, ctx.queryParam("page"), PATH), "notice", notice, "self", who.user().userId()));
    }

    private void confirmDisable(Context ctx) {
        SignedIn who = PlatformAdminPages.requireAdmin(console, console.person(ctx));
        String email = ctx.pathParam("email");
        boolean known = Console.call(() -> people.list(Console.principal(who))).stream().anyMatch(u -> u.email().equals(email));
        if (!known) {
            throw new PageError(404, "Not found", "No account has the address " + email + ".");
        }
        var confirmation = new Confirmation("Disable the account " + email + "?",
                "They can no longer sign in, and every session and token they hold ends at once. Their project roles stay, for when the"
                        + " account is enabled again.", ctx.path(), "Disable the account", PATH);
        console.render(ctx, 200, "console/confirm-admin.jte", confirmation.title(), Map.of("email", who.user().email(),
                "confirmation", confirmation));
    }

    private void setDisabled(Context ctx, boolean disabled) {
        SignedIn who = PlatformAdminPages.requireAdmin(console, console.person(ctx, PATH));
        String email = ctx.pathParam("email");
        User user = console.act(ctx, who, disabled ? "users.disable" : "users.enable", Optional.empty(), u -> "users/" + u.email(),
                "users/" + email, () -> people.setDisabled(Console.principal(who), email, disabled));
        console.pages().redirect(ctx, PATH + "?done=" + (disabled ? "disabled" : "enabled") + "&person="
                + java.net.URLEncoder.encode(user.email(), java.nio.charset.StandardCharsets.UTF_8));
    }
}
