package dev.tollgate.server.account;

import dev.tollgate.core.Issuer;
import dev.tollgate.core.counter.QuotaCounters;
import dev.tollgate.core.net.ClientAddressResolver;
import dev.tollgate.core.project.ProjectPermissions;
import dev.tollgate.core.session.SessionPolicy;
import dev.tollgate.core.session.SessionRepository;
import dev.tollgate.core.session.SessionService;
import dev.tollgate.core.throttle.ActionThrottle;
import dev.tollgate.core.user.CountingSignInThrottle;
import dev.tollgate.core.user.EmailVerification;
import dev.tollgate.core.user.KnownDeviceRepository;
import dev.tollgate.core.user.KnownDevices;
import dev.tollgate.core.user.MailedLinks;
import dev.tollgate.core.user.PasswordHasher;
import dev.tollgate.core.user.PasswordReset;
import dev.tollgate.core.user.PeopleAdministration;
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
    private final ActionThrottle throttles;
    private final PeopleAdministration administration;

    /**
     * @param mail      what the pages need to send and check mailed links: verification of addresses,
     *                  password reset, change of address
     * @param counters  where the sign-in and action throttles count (in memory, or Redis shared by the nodes)
     * @param devices   the browsers accounts have signed in from
     * @param throttles the action throttle the people's pages share (sign-up, mailed links; device pages elsewhere)
     */
    public People(UserRepository users, SessionRepository sessionRepository, ProjectPermissions permissions, Issuer issuer,
                  SignUpMode signUpMode, ClientAddressResolver addressResolver, AccountMail mail, Clock clock,
                  QuotaCounters counters, KnownDeviceRepository devices, ActionThrottle throttles) {
        var hasher = new PasswordHasher();
        this.accounts = new UserAccounts(users, hasher, new CountingSignInThrottle(counters, ThrottleLimits.DEFAULT, clock),
                signUpMode, permissions, new KnownDevices(devices, clock), throttles, clock);
        var links = new MailedLinks(mail.tokens(), mail.mailer(), issuer, throttles, clock);
        this.verification = new EmailVerification(users, mail.verified(), accounts, permissions, links, mail.tokenRevocation(), clock);
        this.reset = new PasswordReset(users, hasher, mail.verified(), sessionRepository, mail.tokenRevocation(), links,
                mail.background(), clock);
        this.administration = new PeopleAdministration(users, sessionRepository, mail.tokenRevocation(), permissions);
        this.sessionService = new SessionService(sessionRepository, users, accounts, SessionPolicy.DEFAULT, clock);
        var cookies = new Cookies(issuer.url().startsWith("https://"));
        this.sessions = new Sessions(sessionService, cookies);
        this.pages = new Pages(new Csrf(cookies, Sessions.COOKIE));
        this.addresses = new ClientAddresses(addressResolver);
        this.throttles = throttles;
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
        new UserAdminRoutes(adminAuthenticator, accounts, verification, administration, addresses).register(app);
    }

    public Sessions sessions() { return sessions; }

    public Pages pages() { return pages; }

    public UserAccounts accounts() { return accounts; }

    public EmailVerification verification() { return verification; }

    public PeopleAdministration administration() { return administration; }

    /**
     * The action throttle of the people's pages: {@code throttles().admit(ThrottledAction.PASSWORD_RESET,
     * address, Optional.of(email))} throws {@code Throttled}, which any page handler may let out for
     * {@link Pages} to answer with a 429 page.
     */
    public ActionThrottle throttles() { return throttles; }
}
