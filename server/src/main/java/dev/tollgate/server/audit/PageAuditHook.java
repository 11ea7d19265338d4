package dev.tollgate.server.audit;

import dev.tollgate.core.audit.AuditActor;
import dev.tollgate.core.audit.AuditOutcome;
import dev.tollgate.core.audit.AuditTrail;
import dev.tollgate.core.oauth.DeviceAuthorization;
import dev.tollgate.core.oauth.DeviceAuthorizationRepository;
import dev.tollgate.core.oauth.DeviceFlow;
import dev.tollgate.core.session.SignedIn;
import dev.tollgate.core.user.EmailAddress;
import dev.tollgate.core.user.EmailVerification;
import dev.tollgate.core.user.PasswordReset;
import dev.tollgate.core.user.User;
import dev.tollgate.core.user.UserRepository;
import dev.tollgate.protocol.ClientAuth;
import dev.tollgate.protocol.FormBody;
import dev.tollgate.server.account.PermissionsPage;
import dev.tollgate.server.account.Sessions;
import dev.tollgate.server.oauth.AuthorizationEndpoint;
import dev.tollgate.server.pages.FormFields;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs what people do on the pages that change something (signing up, in and out, changing a
 * password, allowing, denying and removing an app's access) and revocation at {@code /revoke}.
 * Each action is a POST to one path; {@link #ACTIONS} names them, and {@code AuditCoverageTest}
 * fails for a POST route that is in neither it nor its list of requests that change nothing. The
 * pages themselves are not touched: who is signed in is read before the action runs (signing out
 * ends the session), the rest from the form the page read and the answer it gave.
 */
public final class PageAuditHook {
    private static final Logger LOG = LoggerFactory.getLogger(PageAuditHook.class);
    private static final String SIGNED_IN = PageAuditHook.class.getName() + ".signedIn";
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:@-]{1,200}");

    static final String SIGN_IN = "/signin";
    static final String SIGN_UP = "/signup";
    static final String SIGN_OUT = "/signout";
    static final String PASSWORD = "/account/password";
    static final String REMOVE_ACCESS = PermissionsPage.PATH + "/remove";
    static final String DEVICE_DECISION = "/device/decision";
    static final String REVOKE = "/revoke";
    static final String RESEND_VERIFICATION = "/account/verification";
    static final String CHANGE_EMAIL = "/account/email";
    static final String FORGOT_PASSWORD = "/forgot-password";

    /** Each audited POST path, with the method name (or names) its entries carry. */
    static final Map<String, String> ACTIONS = Map.ofEntries(
            Map.entry(SIGN_IN, "accounts.signIn"),
            Map.entry(SIGN_UP, "accounts.signUp"),
            Map.entry(SIGN_OUT, "accounts.signOut"),
            Map.entry(PASSWORD, "accounts.changePassword"),
            Map.entry(RESEND_VERIFICATION, "accounts.resendVerification"),
            Map.entry(CHANGE_EMAIL, "accounts.requestEmailChange"),
            Map.entry(FORGOT_PASSWORD, "accounts.requestPasswordReset"),
            Map.entry(PasswordReset.PATH, "accounts.resetPassword"),
            Map.entry(AuthorizationEndpoint.PATH, "oauth.consent.approve | oauth.consent.deny"),
            Map.entry(REMOVE_ACCESS, "oauth.grants.remove"),
            Map.entry(DEVICE_DECISION, "oauth.device.approve | oauth.device.deny"),
            Map.entry(REVOKE, "oauth.tokens.revoke"));

    /** Mailed links that change something when opened (a GET, as mail clients open links). */
    static final Map<String, String> LINKS = Map.of(
            EmailVerification.VERIFY_PATH, "accounts.verifyEmail",
            EmailVerification.CHANGE_PATH, "accounts.confirmEmailChange");

    private final AuditTrail trail;
    private final AuditAddresses addresses;
    private final Sessions sessions;
    private final UserRepository users;
    private final DeviceAuthorizationRepository devices;

    PageAuditHook(AuditTrail trail, AuditAddresses addresses, Sessions sessions, UserRepository users, DeviceAuthorizationRepository devices) {
        this.trail = trail;
        this.addresses = addresses;
        this.sessions = sessions;
        this.users = users;
        this.devices = devices;
    }

    void register(Javalin app) {
        on(app, SIGN_IN, ctx -> signInOrUp(ctx, "accounts.signIn"));
        on(app, SIGN_UP, ctx -> signInOrUp(ctx, "accounts.signUp"));
        bySignedIn(app, SIGN_OUT, (ctx, who) -> person(ctx, who, "accounts.signOut", Outcomes.ofPage(ctx)));
        bySignedIn(app, PASSWORD, (ctx, who) -> person(ctx, who, "accounts.changePassword", Outcomes.ofPage(ctx)));
        bySignedIn(app, AuthorizationEndpoint.PATH, this::consent);
        bySignedIn(app, REMOVE_ACCESS, (ctx, who) -> grant(ctx, who, "oauth.grants.remove", formField(ctx, "client_id"), Outcomes.ofPage(ctx)));
        bySignedIn(app, DEVICE_DECISION, this::deviceDecision);
        on(app, REVOKE, this::revoke);
        bySignedIn(app, RESEND_VERIFICATION, (ctx, who) -> person(ctx, who, "accounts.resendVerification", Outcomes.ofPage(ctx)));
        bySignedIn(app, CHANGE_EMAIL, (ctx, who) -> person(ctx, who, "accounts.requestEmailChange", Outcomes.ofPage(ctx)));
        on(app, FORGOT_PASSWORD, ctx -> anonymousAbout(ctx, "accounts.requestPasswordReset"));
        // The link's token is the only proof; it is never logged. The page's status says whether it worked.
        on(app, PasswordReset.PATH, ctx -> anonymousAbout(ctx, "accounts.resetPassword"));
        LINKS.forEach((path, method) -> app.after(path, ctx -> {
            if (ctx.method() == HandlerType.GET && ctx.queryParam("token") != null) {
                try {
                    anonymousAbout(ctx, method);
                } catch (RuntimeException e) {
                    LOG.error("Could not log GET {} in the audit log", path, e);
                }
            }
        }));
    }

    /** Something anyone may ask about an account; the entry names the account only when there is one. */
    private void anonymousAbout(Context ctx, String method) {
        Optional<User> account = formField(ctx, "email").flatMap(EmailAddress::parse).flatMap(users::findByEmail);
        trail.record(AuditActor.ANONYMOUS, method, Optional.empty(), account.map(u -> "users/" + u.email()).orElse("users"),
                addresses.of(ctx), Outcomes.ofPage(ctx));
    }

    private interface PersonAction {
        void record(Context ctx, SignedIn who);
    }

    private void on(Javalin app, String path, Consumer<Context> action) {
        app.after(path, ctx -> {
            if (ctx.method() != HandlerType.POST) {
                return;
            }
            try {
                action.accept(ctx);
            } catch (RuntimeException e) {
                LOG.error("Could not log POST {} in the audit log", path, e);
            }
        });
    }

    /** An action of a signed-in person; without a session nothing happened, and nothing is logged. */
    private void bySignedIn(Javalin app, String path, PersonAction action) {
        app.before(path, ctx -> {
            if (ctx.method() == HandlerType.POST) {
                try {
                    ctx.attribute(SIGNED_IN, sessions.current(ctx));
                } catch (RuntimeException e) {
                    LOG.error("Could not find who is signed in for the audit log", e);
                }
            }
        });
        on(app, path, ctx -> {
            Optional<SignedIn> who = ctx.attribute(SIGNED_IN);
            if (who != null && who.isPresent()) {
                action.record(ctx, who.get());
            }
        });
    }

    /**
     * Names the account only when there is one: what someone typed into the email field of a
     * failed attempt may be anything, their password included.
     */
    private void signInOrUp(Context ctx, String method) {
        Optional<User> account = formField(ctx, "email").flatMap(EmailAddress::parse).flatMap(users::findByEmail);
        AuditOutcome outcome = Outcomes.ofPage(ctx);
        AuditActor actor = outcome.succeeded()
                ? account.<AuditActor>map(u -> new AuditActor.Person(u.userId(), u.email())).orElse(AuditActor.ANONYMOUS)
                : AuditActor.ANONYMOUS;
        trail.record(actor, method, Optional.empty(), account.map(u -> "users/" + u.email()).orElse("users"), addresses.of(ctx), outcome);
    }

    private void person(Context ctx, SignedIn who, String method, AuditOutcome outcome) {
        User user = who.user();
        trail.record(new AuditActor.Person(user.userId(), user.email()), method, Optional.empty(), "users/" + user.email(),
                addresses.of(ctx), outcome);
    }

    private void grant(Context ctx, SignedIn who, String method, Optional<String> clientId, AuditOutcome outcome) {
        User user = who.user();
        String resource = "users/" + user.email() + "/grants" + clientId.filter(c -> CLIENT_ID.matcher(c).matches()).map(c -> "/" + c).orElse("");
        trail.record(new AuditActor.Person(user.userId(), user.email()), method, Optional.empty(), resource, addresses.of(ctx), outcome);
    }

    /** The consent page's decision; the answer is a redirect to the client, which says whether it worked. */
    private void consent(Context ctx, SignedIn who) {
        Optional<String> decision = formField(ctx, "decision");
        boolean deny = decision.filter("deny"::equals).isPresent();
        AuditOutcome outcome = Outcomes.ofPage(ctx);
        Optional<String> error = redirectError(ctx.header("Location"));
        if (outcome.succeeded() && error.isPresent() && !(deny && error.get().equals("access_denied"))) {
            outcome = AuditOutcome.refused(ctx.statusCode(), error.get());
        }
        grant(ctx, who, deny ? "oauth.consent.deny" : "oauth.consent.approve", Optional.ofNullable(ctx.queryParam("client_id")), outcome);
    }

    /**
     * The device page's decision. The page answers 200 either way and notes a code that was no
     * longer pending ({@link AuditNotes}); the client is read from the request the person decided.
     */
    private void deviceDecision(Context ctx, SignedIn who) {
        boolean allow = formField(ctx, "decision").filter("allow"::equals).isPresent();
        AuditOutcome outcome = Outcomes.ofPage(ctx);
        Optional<String> refusal = AuditNotes.refusal(ctx);
        if (outcome.succeeded() && refusal.isPresent()) {
            outcome = AuditOutcome.refused(ctx.statusCode(), refusal.get());
        }
        Optional<String> clientId = formField(ctx, "user_code").flatMap(DeviceFlow::normalizeUserCode).flatMap(devices::findByUserCode)
                .filter(d -> d.person().map(p -> p.userId().equals(who.user().userId())).orElse(false))
                .map(DeviceAuthorization::clientId);
        grant(ctx, who, allow ? "oauth.device.approve" : "oauth.device.deny", clientId, outcome);
    }

    /** RFC 7009 revocation, by a client: the client is named, the token never. */
    private void revoke(Context ctx) {
        Optional<String> clientId;
        try {
            clientId = ClientAuth.parse(new FormBody(ctx.formParamMap()), Optional.ofNullable(ctx.header("Authorization"))).clientId();
        } catch (Exception e) {
            clientId = Optional.empty();
        }
        String resource = "oauthClients" + clientId.filter(c -> CLIENT_ID.matcher(c).matches()).map(c -> "/" + c).orElse("");
        trail.record(AuditActor.ANONYMOUS, "oauth.tokens.revoke", Optional.empty(), resource, addresses.of(ctx), Outcomes.ofOAuth(ctx));
    }

    /** One field of the form the page read; empty if it read none, or the field is missing or repeated. */
    private static Optional<String> formField(Context ctx, String name) {
        try {
            return FormFields.parsedBody(ctx).flatMap(f -> f.optional(name));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The {@code error} parameter of a redirect to a client, if it has one. */
    private static Optional<String> redirectError(String location) {
        if (location == null) {
            return Optional.empty();
        }
        int query = location.indexOf('?');
        if (query < 0) {
            return Optional.empty();
        }
        int fragment = location.indexOf('#', query);
        String params = location.substring(query + 1, fragment < 0 ? location.length() : fragment);
        for (String pair : params.split("&")) {
            if (pair.startsWith("error=")) {
                try {
                    return Optional.of(java.net.URLDecoder.decode(pair.substring(6), java.nio.charset.StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    return Optional.of("invalid_request");
                }
            }
        }
        return Optional.empty();
    }
}
