package dev.tollgate.server.account;

import dev.tollgate.core.Issuer;
import dev.tollgate.core.net.ClientAddressResolver;
import dev.tollgate.core.project.ProjectPermissions;
import dev.tollgate.core.session.SessionPolicy;
import dev.tollgate.core.session.SessionRepository;
import dev.tollgate.core.session.SessionService;
import dev.tollgate.core.user.EmailVerification;
import dev.tollgate.core.user.InMemorySignInThrottle;
import dev.tollgate.core.user.MailedLinks;
import dev.tollgate.core.user.PasswordReset;
import dev.tollgate.core.user.PasswordHasher;
import dev.tollgate.core.user.SignUpMode;
import dev.tollgate.core.user.ThrottleLimits;
import dev.tollgate.core.user.UserAccounts;
import dev.tollgate.core.user.UserRepository;
import dev.tollgate.server.admin.AdminAuthenticator;
import dev.tollgate.server.pages.Cookies;
import dev.tollgate.server.pages.Csrf;
import dev.tollgate.server.pages.Pages;
import io.javalin.Javalin;
import java.time.Clock;

/**
 * People: accounts, sessions, the sign-in, sign-up and account pages, and the admin call that
 * creates a person. Built once in {@code Tollgate.wire}; {@link #sessions()} and {@link #pages()}
 * are what the OAuth pages (consent, device, permissions) build on.
 */
public final class People {
    private final UserAccounts accounts;
    private final SessionService sessionService;
    private final Sessions sessions;
    private final Pages pages;
    private final ClientAddresses addresses;
    private final EmailVerification verification;
    private final PasswordReset reset;

    /**
     * Verification, reset and address-change mails per hour: five to one address (no one's mailbox
     * is flooded), a hundred from one client address (people behind one NAT still sign up).
     */
    static final ThrottleLimits MAIL_SENDS = new ThrottleLimits(5, 100, java.time.Duration.ofHours(1));

    /**
     * @param mail what the pages need to send and check mailed links: verification of addresses,
     *             password reset, change of address
     */
    public People(UserRepository users, SessionRepository sessionRepository, ProjectPermissions permissions, Issuer issuer,
                  SignUpMode signUpMode, ClientAddressResolver addressResolver, AccountMail mail, Clock clock) {
        var hasher = new PasswordHasher();
        this.accounts = new UserAccounts(users, hasher, new InMemorySignInThrottle(ThrottleLimits.DEFAULT, clock),
                signUpMode, permissions, clock);
        var links = new MailedLinks(mail.tokens(), mail.mailer(), issuer, new InMemorySignInThrottle(MAIL_SENDS, clock), clock);
        this.verification = new EmailVerification(users, mail.verified(), accounts, permissions, links, mail.tokenRevocation(), clock);
        this.reset = new PasswordReset(users, hasher, mail.verified(), sessionRepository, mail.tokenRevocation(), links,
                mail.background(), clock);
        this.sessionService = new SessionService(sessionRepository, users, accounts, SessionPolicy.DEFAULT, clock);
        var cookies = new Cookies(issuer.url().startsWith("https://"));
        this.sessions = new Sessions(sessionService, cookies);
        this.pages = new Pages(new Csrf(cookies, Sessions.COOKIE));
        this.addresses = new ClientAddresses(addressResolver);
    }

    /**
     * @param continueTargets where a continue URL finally leads outside this origin (an OAuth
     *                        client's redirect URI), so that the sign-in and sign-up forms may end there
     */
    public void register(Javalin app, AdminAuthenticator adminAuthenticator, ContinueTargets continueTargets) {
        pages.register(app);
        new SignInRoutes(sessions, sessionService, pages, addresses, continueTargets).register(app);
        new SignUpRoutes(sessions, sessionService, pages, continueTargets, verification, addresses).register(app);
        new AccountRoutes(sessions, sessionService, pages, addresses, verification).register(app);
        new MailLinkRoutes(sessions, pages, addresses, verification, reset).register(app);
        new UserAdminRoutes(adminAuthenticator, accounts, verification, addresses).register(app);
    }

    public Sessions sessions() { return sessions; }

    public Pages pages() { return pages; }

    public UserAccounts accounts() { return accounts; }

    public EmailVerification verification() { return verification; }
}
