package dev.tollgate.server.console;

import dev.tollgate.core.billing.BillingService;
import dev.tollgate.core.catalog.ApiCatalog;
import dev.tollgate.core.key.ApiKeyService;
import dev.tollgate.core.metering.UsageLedger;
import dev.tollgate.core.oauth.OAuthClientService;
import dev.tollgate.core.serviceaccount.ServiceAccountService;
import dev.tollgate.core.project.ProjectService;
import dev.tollgate.core.quota.QuotaService;
import dev.tollgate.server.account.Sessions;
import dev.tollgate.server.audit.ConsoleAudit;
import dev.tollgate.server.pages.Pages;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.ZoneId;

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
        new ConsentScreenRoutes(console, clients).register(app);
        new MetricsPage(console, ledger, new CredentialNames(keys, clients, accounts)).register(app);
        new QuotasPage(console, accounting.quotas(), ledger, accounting.quotaDayZone()).register(app);
        new BillingPages(console, accounting.billing()).register(app);
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
