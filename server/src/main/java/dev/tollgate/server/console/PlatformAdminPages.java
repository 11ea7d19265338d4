package dev.tollgate.server.console;

import dev.tollgate.core.principal.Principal;
import dev.tollgate.core.project.Project;
import dev.tollgate.core.session.SignedIn;
import dev.tollgate.core.user.AccountException;
import dev.tollgate.core.user.EmailVerification;
import dev.tollgate.core.user.MailOutcome;
import dev.tollgate.core.user.User;
import dev.tollgate.core.user.UserAccounts;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.server.audit.ConsoleAudit;
import dev.tollgate.server.pages.FormFields;
import dev.tollgate.server.pages.PageError;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code /console/admin}, for platform administrators: every project, creating a person (verified
 * at once, or mailed a verification link), as {@code POST /admin/v1/users} does, and the sign-up
 * setting, which is a start-up option and so only shown. {@link PeoplePages} lists people and
 * disables or enables them.
 */
final class PlatformAdminPages {
    static final String PATH = "/console/admin";

    private final Console console;
    private final UserAccounts accounts;
    private final EmailVerification verification;
    private final Function<Context, InetAddress> clientAddress;

    PlatformAdminPages(Console console, UserAccounts accounts, EmailVerification verification, Function<Context, InetAddress> clientAddress) {
        this.console = console;
        this.accounts = accounts;
        this.verification = verification;
        this.clientAddress = clientAddress;
    }

    void register(Javalin app) {
        console.pages().get(app, PATH, ctx -> show(ctx, requireAdmin(console.person(ctx)), 200, PersonForm.EMPTY, notice(ctx)));
        console.pages().post(app, ConsoleAudit.CREATE_PERSON, this::createPerson);
    }

    static SignedIn requireAdmin(Console console, SignedIn who) {
        if (!console.projects().permissions().isPlatformAdmin(Console.principal(who))) {
            throw PageError.forbidden("Only platform administrators can see this page.");
        }
        return who;
    }

    private SignedIn requireAdmin(SignedIn who) {
        return requireAdmin(console, who);
    }

    private static String notice(Context ctx) {
        FormFields query = FormFields.ofQuery(ctx);
        String who = query.text("person");
        return switch (query.text("done")) {
            case "created-verified" -> "The account " + who + " was created, with its address verified.";
            case "created-mailed" -> "The account " + who + " was created, and a verification link was mailed to it.";
            case "created-mail-failed" -> "The account " + who + " was created, but the verification mail could not be sent; they can ask for"
                    + " another from their account page.";
            default -> "";
        };
    }

    private void show(Context ctx, SignedIn who, int status, PersonForm form, String notice) {
        List<Project> projects = Console.call(() -> console.projects().list(Console.principal(who))).stream()
                .sorted(Comparator.comparing(Project::projectId)).toList();
        console.render(ctx, status, "console/admin.jte", "Platform administration", Map.of("email", who.user().email(),
                "projects", Paging.of(projects, ctx.queryParam("page"), PATH), "signUpOpen", accounts.signUpOpen(), "form", form,
                "notice", notice));
    }

    private void createPerson(Context ctx, FormFields fields) {
        SignedIn who = requireAdmin(console.person(ctx, PATH));
        Principal caller = Console.principal(who);
        var form = new PersonForm(fields.text("email").strip(), fields.optional("verified").isPresent(), null);
        User user;
        try {
            user = console.act(ctx, who, "users.create", Optional.empty(), u -> "users/" + u.email(), "users/" + form.email(), () -> {
                try {
                    return accounts.create(caller, form.email(), fields.text("password"));
                } catch (AccountException e) {
                    throw switch (e.problem()) {
                        case EMAIL_TAKEN -> ApiError.ALREADY_EXISTS.exception(e.getMessage());
                        case SERVER_BUSY -> ApiError.RATE_LIMIT_EXCEEDED.exception(e.getMessage());
                        default -> ApiError.INVALID_ARGUMENT.exception(e.getMessage());
                    };
                }
            });
        } catch (PageError e) {
            if (e.status() != 400 && e.status() != 409) {
                throw e;
            }
            show(ctx, who, e.status(), new PersonForm(form.email(), form.verified(), e.getMessage()), "");
            return;
        }
        String done;
        if (form.verified()) {
            verification.markVerified(caller, user);
            done = "created-verified";
        } else {
            done = verification.sendVerification(user, clientAddress.apply(ctx)) == MailOutcome.SENT ? "created-mailed" : "created-mail-failed";
        }
        console.pages().redirect(ctx, PATH + "?done=" + done + "&person=" + java.net.URLEncoder.encode(user.email(),
                java.nio.charset.StandardCharsets.UTF_8));
    }
}
