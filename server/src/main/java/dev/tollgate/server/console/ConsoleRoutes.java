package dev.tollgate.server.console;

import dev.tollgate.core.audit.AuditTrail;
import dev.tollgate.core.billing.BillingService;
import dev.tollgate.core.catalog.ApiCatalog;
import dev.tollgate.core.key.ApiKeyService;
import dev.tollgate.core.metering.UsageLedger;
import dev.tollgate.core.oauth.OAuthClientService;
import dev.tollgate.core.projectadmin.ProjectService;
import dev.tollgate.core.quota.QuotaService;
import dev.tollgate.core.serviceaccount.ServiceAccountService;
import dev.tollgate.core.user.EmailVerification;
import dev.tollgate.core.user.PeopleAdministration;
import dev.tollgate.core.user.UserAccounts;
import dev.tollgate.server.account.Sessions;
import dev.tollgate.server.audit.ConsoleAudit;
import dev.tollgate.server.pages.Pages;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.ZoneId;
import java.util.function.Function;

/**
 * The developer console: {@code /} and {@code /console/…}, pages where people create projects,
 * enable APIs and manage credentials with their own project roles, through the same services as
 * the admin API. Every page works without JavaScript; {@value #SCRIPT} adds copy buttons, the
 * dashboard's chart (Chart.js) and in-place range changes (htmx).
 */
public final class ConsoleRoutes {
    static final String SCRIPT = "/static/console.js";

    private final Console console;
    private final ApiKeyService keys;
    private final ServiceAccountService accounts;
    private final OAuthClientService clients;
    private final UsageLedger ledger;
    private final ApiCatalog catalog;
    private final Accounts accounting;
    private final byte[] script;

    /**
     * What the IAM, activity and platform administration pages act through.
     *
     * @param clientAddress the address of the person's browser, behind the trusted proxies (for a verification mail)
     */
    public record Governance(AuditTrail trail, UserAccounts accounts, EmailVerification verification, PeopleAdministration people,
                             Function<Context, InetAddress> clientAddress, Clock clock) {}

    /** The domain services the console acts through, the admin API's own. */
    public record Services(ProjectService projects, ApiKeyService keys, ServiceAccountService accounts, OAuthClientService clients,
                           UsageLedger ledger) {}

    /**
     * The accounting services of the quotas and billing pages, the admin API's own.
     *
     * @param quotaDayZone where a quota's day starts, as the gateway counts it
     */
    public record Accounts(QuotaService quotas, BillingService billing, ZoneId quotaDayZone) {}

    public ConsoleRoutes(Sessions sessions, Pages pages, ConsoleAudit audit, Services services, Accounts accounting, ApiCatalog catalog) {
        this.console = new Console(sessions, pages, audit, services.projects());
        this.keys = services.keys();
        this.accounts = services.accounts();
        this.clients = services.clients();
        this.ledger = services.ledger();
        this.catalog = catalog;
        this.accounting = accounting;
        this.script = resource("console.js");
    }

    public void register(Javalin app) {
        app.get(SCRIPT, ctx -> ctx.contentType("text/javascript; charset=utf-8")
                .header("Cache-Control", "public, max-age=3600").result(script));
        new ProjectRoutes(console).register(app);
        new DashboardPage(console, ledger).register(app);
        new ApiLibraryRoutes(console).register(app);
        new CredentialsPage(console, keys, accounts, clients).register(app);
        new KeyRoutes(console, keys, catalog).register(app);
        new ServiceAccountRoutes(console, accounts).register(app);
        new ClientRoutes(console, clients).register(app);
        new ClientPage(console, clients).register(app);
        new ServiceAccountKeyRoutes(console, accounts).register(app);
        new ConsentScreenRoutes(console, clients).register(app);
        new MetricsPage(console, ledger, new CredentialNames(keys, clients, accounts)).register(app);
        new QuotasPage(console, accounting.quotas(), ledger, accounting.quotaDayZone()).register(app);
        new BillingPages(console, accounting.billing()).register(app);
    }

    /** The pages of a project's members and activity, and of platform administration. */
    public void register(Javalin app, Governance governance) {
        register(app);
        new MemberRoutes(console).register(app);
        new ActivityPage(console, governance.trail(), governance.clock()).register(app);
        new PlatformAdminPages(console, governance.accounts(), governance.verification(), governance.clientAddress()).register(app);
        new PeoplePages(console, governance.people(), governance.verification()).register(app);
    }

    private static byte[] resource(String name) {
        try (InputStream in = ConsoleRoutes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
