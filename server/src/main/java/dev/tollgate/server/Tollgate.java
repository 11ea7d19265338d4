package dev.tollgate.server;

import dev.tollgate.core.Issuer;
import dev.tollgate.core.bootstrap.FirstStart;
import dev.tollgate.core.secret.DataFolder;
import dev.tollgate.core.secret.MasterKey;
import dev.tollgate.store.jdbc.JdbcSigningKeyRepository;
import dev.tollgate.core.access.AccessChecker;
import dev.tollgate.core.access.AccessDecider;
import dev.tollgate.core.access.CredentialCache;
import dev.tollgate.core.cache.InvalidationBus;
import dev.tollgate.core.catalog.ApiCatalog;
import dev.tollgate.core.catalog.ApiDefinition;
import dev.tollgate.core.catalog.CatalogLoader;
import dev.tollgate.core.discovery.DiscoveryDocuments;
import dev.tollgate.core.key.ApiKeyService;
import dev.tollgate.core.net.ClientAddressResolver;
import dev.tollgate.core.project.ProjectService;
import dev.tollgate.core.samples.CalendarApi;
import dev.tollgate.core.samples.PostsApi;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.core.serviceaccount.ServiceAccountService;
import dev.tollgate.core.token.AccessTokenIssuer;
import dev.tollgate.core.token.KnownScopes;
import dev.tollgate.core.token.ServiceAccountGrant;
import dev.tollgate.core.token.TokenService;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.protocol.ApiException;
import dev.tollgate.server.admin.AdminApi;
import dev.tollgate.server.admin.AdminAuthenticator;
import dev.tollgate.server.admin.OAuthClientRoutes;
import dev.tollgate.server.admin.QuotaRoutes;
import dev.tollgate.server.admin.BillingRoutes;
import dev.tollgate.server.admin.UsageRoutes;
import dev.tollgate.server.gateway.CallMeter;
import dev.tollgate.server.gateway.CallAccounting;
import dev.tollgate.core.billing.BillingGate;
import dev.tollgate.core.billing.BillingService;
import dev.tollgate.core.billing.MonthlyUsage;
import dev.tollgate.core.billing.StatementCalculator;
import dev.tollgate.core.metering.LedgerSettings;
import dev.tollgate.core.metering.UsageLedger;
import dev.tollgate.store.jdbc.JdbcBillingAccountRepository;
import dev.tollgate.store.jdbc.JdbcLedgerRepository;
import dev.tollgate.core.quota.ProjectQuotas;
import dev.tollgate.core.quota.QuotaAdmission;
import dev.tollgate.core.quota.QuotaService;
import dev.tollgate.store.jdbc.JdbcQuotaOverrides;
import dev.tollgate.server.oauth.OAuthEndpoints;
import dev.tollgate.server.oauth.AuthorizationEndpoint;
import dev.tollgate.server.oauth.DevicePages;
import dev.tollgate.server.account.AccountMail;
import dev.tollgate.server.account.People;
import dev.tollgate.server.mail.Mailers;
import dev.tollgate.store.jdbc.JdbcEmailTokenRepository;
import dev.tollgate.store.jdbc.JdbcVerifiedAddressRepository;
import dev.tollgate.server.account.PermissionsPage;
import dev.tollgate.core.oauth.ScopeDescriptions;
import dev.tollgate.core.oauth.DeviceVerification;
import dev.tollgate.core.throttle.ActionThrottle;
import dev.tollgate.store.jdbc.JdbcKnownDeviceRepository;
import dev.tollgate.store.jdbc.JdbcSessionRepository;
import dev.tollgate.server.gateway.ApiHostGuard;
import dev.tollgate.server.gateway.BackendProxy;
import dev.tollgate.server.gateway.Backends;
import dev.tollgate.server.discovery.DiscoveryRoutes;
import dev.tollgate.server.gateway.GatewayHandler;
import dev.tollgate.server.gateway.GatewayMetrics;
import dev.tollgate.server.http.ErrorWriters;
import dev.tollgate.server.http.PeerAddress;
import dev.tollgate.server.http.JettyJsonErrors;
import dev.tollgate.server.oauth.ServiceAccountJwks;
import dev.tollgate.server.oauth.TokenEndpoint;
import dev.tollgate.server.samples.SampleBackends;
import dev.tollgate.store.jdbc.Database;
import dev.tollgate.store.jdbc.JdbcAccessTokenRepository;
import dev.tollgate.store.jdbc.JdbcApiKeyRepository;
import dev.tollgate.store.jdbc.JdbcProjectRepository;
import dev.tollgate.store.jdbc.JdbcSampleRepository;
import dev.tollgate.store.jdbc.JdbcServiceAccountRepository;
import dev.tollgate.store.jdbc.JdbcUserRepository;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.time.Clock;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One Tollgate node: authorization server, admin API, gateway and sample APIs in one process. */
public final class Tollgate implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Tollgate.class);
    /** First path segments the platform's own endpoints use; no catalog API may take one. */
    static final Set<String> RESERVED_API_NAMES = Set.of("admin", "o", "oauth2", "token", "revoke", "tokeninfo",
            "introspect", "device", "v1", "signin", "signout", "signup", "account", "console", "healthz", "metrics",
            "service_accounts", "well-known", "static", "webjars", "verify-email", "confirm-email-change", "forgot-password",
            "reset-password", "discovery");

    private final Database database;
    private final SharedState shared;
    private final Metering metering;
    private final Housekeeping housekeeping;
    private final SampleBackends samples;
    private final Javalin app;
    private final String baseUrl;
    private final java.nio.file.Path dataDir;

    private Tollgate(Database database, SharedState shared, Metering metering, Housekeeping housekeeping, SampleBackends samples, Javalin app, String baseUrl,
                     java.nio.file.Path dataDir) {
        this.database = database;
        this.metering = metering;
        this.shared = shared;
        this.housekeeping = housekeeping;
        this.samples = samples;
        this.app = app;
        this.baseUrl = baseUrl;
        this.dataDir = dataDir;
    }

    /**
     * How an embedding harness may wire a node differently from the product, to measure what a part
     * costs (bench/LoadHarness); never reachable from the command line.
     *
     * @param decider    wraps or replaces the gateway's access decision
     * @param accounting false to leave out quotas, billing and metering
     */
    public record Wiring(Function<AccessDecider, AccessDecider> decider, boolean accounting) {
        public static final Wiring PRODUCT = new Wiring(Function.identity(), true);
    }

    public static Tollgate start(ServerConfig config, PrintStream out) {
        return start(config, out, Wiring.PRODUCT);
    }

    public static Tollgate start(ServerConfig config, PrintStream out, Function<AccessDecider, AccessDecider> deciderWiring) {
        return start(config, out, new Wiring(deciderWiring, true));
    }

    public static Tollgate start(ServerConfig config, PrintStream out, Wiring wiring) {
        ApiCatalog catalog = loadCatalog(config);
        int port = config.port() == 0 ? freePort() : config.port();
        Issuer issuer = new Issuer(config.issuer().orElse("http://localhost:" + port));
        DataFolder.prepare(config.dataDir());
        MasterKey masterKey = config.masterKey().readOrCreate(config.dataDir());
        Database db = Database.open(config.dbUrl().orElse(Database.h2Url(config.dataDir())),
                config.dbUser().orElse(null), config.dbPassword().orElse(null));
        try {
            db = sealSigningKeys(db, masterKey);
            // H2 has just created its files with the umask's permissions.
            DataFolder.restrictContents(config.dataDir());
            return wire(config, out, wiring, catalog, port, issuer, db, masterKey);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /**
     * Checks the master key against the database and seals signing keys an older version stored in
     * plaintext; then rewrites the database so that the plaintext is gone from its files too.
     */
    private static Database sealSigningKeys(Database db, MasterKey masterKey) {
        int sealed = new JdbcSigningKeyRepository(db, masterKey).openWithMasterKey();
        if (sealed == 0) {
            return db;
        }
        LOG.info("Sealed {} signing key(s) stored in plaintext by an older version under the master key", sealed);
        Database.Rewritten rewritten = db.rewriteToDropOldRowVersions("signing_keys");
        rewritten.warning().ifPresent(LOG::warn);
        return rewritten.database();
    }

    private static Tollgate wire(ServerConfig config, PrintStream out, Wiring wiring,
                                 ApiCatalog catalog, int port, Issuer issuer, Database db, MasterKey masterKey) {
        Clock clock = Clock.systemUTC();
        SharedState shared = SharedState.of(config.redisUrl(), clock);
        InvalidationBus bus = shared.bus();
        var projectRepo = new JdbcProjectRepository(db);
        var keyRepo = new JdbcApiKeyRepository(db);
        var accountRepo = new JdbcServiceAccountRepository(db);
        var tokenRepo = new JdbcAccessTokenRepository(db);
        var userRepo = new JdbcUserRepository(db);

        var verifiedAddresses = new JdbcVerifiedAddressRepository(db);
        var projects = new ProjectService(projectRepo, verifiedAddresses, catalog, bus, clock);
        var keys = new ApiKeyService(keyRepo, projects.permissions(), catalog, bus, clock);
        var serviceAccounts = new ServiceAccountService(accountRepo, projects.permissions(), bus, tokenRepo, issuer, clock);
        var tokenIssuer = new AccessTokenIssuer(tokenRepo, clock, config.accessTokenLifetime());
        var grant = new ServiceAccountGrant(accountRepo, tokenIssuer, new KnownScopes(catalog), issuer, clock, java.time.Duration.ofSeconds(60));
        var cache = new CredentialCache(keyRepo, tokenRepo, projectRepo, bus);
        var oauth = OAuthWiring.wire(config.oauth(), db, masterKey, catalog, projectRepo, projects.permissions(), tokenRepo, tokenIssuer, bus, issuer,
                verifiedAddresses, clock);
        var tokens = new TokenService(grant, oauth.codeGrant(), oauth.refreshGrant(), oauth.deviceFlow());
        AccessDecider decider = wiring.decider().apply(new AccessChecker(cache, clock));

        tell(out, new FirstStart(projectRepo, serviceAccounts, userRepo, verifiedAddresses, clock).run(config.dataDir(), config.adminPassword()));

        var metering = Metering.start(config.dataDir(), new JdbcLedgerRepository(db),
                new LedgerSettings(config.quotaDayZone(), config.accounting().minuteRetention()), clock);

        var sampleRepo = new JdbcSampleRepository(db);
        String backendSecret = Secrets.randomBase62(32);
        var samples = new SampleBackends(new PostsApi(sampleRepo, clock), new CalendarApi(sampleRepo), backendSecret);
        var samplesUri = samples.start();

        var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);

        Javalin app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.useVirtualThreads = true;
            c.router.ignoreTrailingSlashes = false;
            c.http.maxRequestSize = 1_000_000L;
            c.jetty.modifyServer(server -> server.setErrorHandler(new JettyJsonErrors()));
        });
        app.before(ctx -> {
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("X-Frame-Options", "DENY");
            ctx.header("Content-Security-Policy", "frame-ancestors 'none'");
            ctx.header("Referrer-Policy", "no-referrer");
        });
        app.exception(ApiException.class, (e, ctx) -> ErrorWriters.api(ctx, e));
        app.exception(HttpResponseException.class, (e, ctx) -> ErrorWriters.api(ctx, JettyJsonErrors.forStatus(e.getStatus()).exception()));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("Unexpected error on {} {}", ctx.method(), ctx.path(), e);
            ErrorWriters.api(ctx, ApiError.INTERNAL.exception());
        });
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty() || "Not Found".equals(ctx.result())) {
                ErrorWriters.api(ctx, ApiError.NOT_FOUND.exception("The requested URL was not found on this server."));
            }
        });

        app.get("/healthz", ctx -> ctx.result("ok"));
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape()));
        app.post("/token", new TokenEndpoint(tokens)::handle);
        new ServiceAccountJwks(accountRepo).register(app);
        new dev.tollgate.server.oauth.X509Certs(new dev.tollgate.core.oauth.PublishedCertificates(oauth.signingKeys()), accountRepo).register(app);
        var adminAuth = new AdminAuthenticator(cache, clock);
        new AdminApi(adminAuth, projects, keys, serviceAccounts).register(app);
        new OAuthClientRoutes(adminAuth, oauth.clients()).register(app);
        new OAuthEndpoints(oauth.inspection(), oauth.deviceFlow(), oauth.signingKeys(), issuer, oauth.supportedScopes()).register(app);

        var addresses = new ClientAddressResolver(config.trustedProxies());
        var sessionRepo = new JdbcSessionRepository(db);
        var mail = new AccountMail(Mailers.of(config.mail(), config.dataDir(), issuer, clock), new JdbcEmailTokenRepository(db), verifiedAddresses,
                oauth.revoker(), AccountMail.backgroundSender());
        // Shared by the nodes through Redis when there is one, like the quota counters they live in.
        var throttles = new ActionThrottle(shared.quotaCounters(), clock);
        var people = new People(userRepo, sessionRepo, projects.permissions(), issuer, config.signUp(), addresses, mail, clock,
                shared.quotaCounters(), new JdbcKnownDeviceRepository(db), throttles);
        var authorizationEndpoint = new AuthorizationEndpoint(oauth.authorization(), people.sessions(), people.pages());
        people.register(app, adminAuth, authorizationEndpoint::redirectTargetOf);
        authorizationEndpoint.register(app);
        new PermissionsPage(oauth.permissions(), people.sessions(), people.pages()).register(app);
        new DevicePages(new DeviceVerification(oauth.deviceFlow(), oauth.clientRepository(), oauth.clients(), projectRepo,
                new ScopeDescriptions(catalog), throttles),
                people.sessions(), people.pages(), ctx -> addresses.resolve(PeerAddress.of(ctx), ctx.header("X-Forwarded-For"))).register(app);
        dev.tollgate.server.audit.Audit.register(app, new dev.tollgate.store.jdbc.JdbcAuditLog(db), projects.permissions(), adminAuth,
                addresses, people.sessions(), userRepo, new dev.tollgate.store.jdbc.JdbcDeviceAuthorizationRepository(db), clock);

        var ledgerSettings = new LedgerSettings(config.quotaDayZone(), config.accounting().minuteRetention());
        var ledgerRepository = new JdbcLedgerRepository(db);
        var usageLedger = new UsageLedger(ledgerRepository, ledgerSettings, clock);
        MonthlyUsage monthlyUsage = (projectId, month) -> usageLedger.monthlyCalls(projectId, month, ledgerSettings.dayZone()).stream()
                .map(c -> new MonthlyUsage.Calls(c.api(), c.method(), c.status(), c.calls())).toList();
        var statements = new StatementCalculator(catalog, config.accounting().billableStatuses());
        var billingAccounts = new JdbcBillingAccountRepository(db);
        var billingGate = new BillingGate(billingAccounts, monthlyUsage, statements, bus, clock);
        new BillingRoutes(adminAuth, new BillingService(billingAccounts, monthlyUsage, statements, projects.permissions(), bus)).register(app);
        new UsageRoutes(adminAuth, projects.permissions(), usageLedger).register(app);
        var quotaCounters = shared.quotaCounters();
        var quota = new QuotaAdmission(quotaCounters, new ProjectQuotas(new JdbcQuotaOverrides(db), bus), clock, config.quotaDayZone());
        new QuotaRoutes(adminAuth, new QuotaService(new JdbcQuotaOverrides(db), projects.permissions(), catalog, bus)).register(app);
        CallAccounting accounting = wiring.accounting()
                ? CallAccounting.charged(quota, billingGate, new CallMeter(metering.journal(), clock)) : CallAccounting.NONE;
        var gateway = new GatewayHandler(catalog, decider, accounting, addresses,
                new Backends(catalog.apis(), samplesUri), new BackendProxy(config.backendTimeout()), backendSecret,
                new GatewayMetrics(registry), config.apiHost());
        config.apiHost().ifPresent(apiHost -> app.before(new ApiHostGuard(apiHost, catalog.apis())));
        new DiscoveryRoutes(catalog, new DiscoveryDocuments(catalog, issuer)).register(app);
        for (ApiDefinition api : catalog.apis()) {
            for (HandlerType verb : new HandlerType[] {HandlerType.GET, HandlerType.HEAD, HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE}) {
                app.addHttpHandler(verb, "/" + api.name() + "/" + api.version() + "/<rest>", gateway);
            }
        }

        try {
            app.start(config.host(), port);
        } catch (RuntimeException e) {
            samples.close();
            throw e;
        }
        String host = config.host().equals("0.0.0.0") ? "localhost" : config.host();
        String base = "http://" + host + ":" + app.port();
        out.println("Tollgate ready on " + base);
        out.flush();
        return new Tollgate(db, shared, metering, new Housekeeping(new dev.tollgate.store.jdbc.JdbcExpiredRecords(db), usageLedger, clock), samples, app, base,
                config.dataDir());
    }

    private static ApiCatalog loadCatalog(ServerConfig config) {
        ApiCatalog catalog = config.catalogFile().map(CatalogLoader::load).orElseGet(CatalogLoader::builtIn);
        for (ApiDefinition api : catalog.apis()) {
            if (RESERVED_API_NAMES.contains(api.name())) {
                throw new IllegalArgumentException(config.catalogFile().map(Object::toString).orElse("built-in catalog")
                        + ": API name '" + api.name() + "' is reserved for Tollgate's own endpoints.");
            }
        }
        return catalog;
    }

    private static void tell(PrintStream out, FirstStart.Outcome outcome) {
        outcome.generatedPassword().ifPresent(password -> out.println("Created the administrator " + outcome.adminEmail()
                + " with password " + password + " (also in " + outcome.passwordFile().orElseThrow() + ")"));
        outcome.keyFile().ifPresent(file -> out.println("Created the service account " + outcome.serviceAccountEmail()
                + "; its key file is " + file));
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() { return app.port(); }

    /** Every HTTP route this node serves, as "POST /admin/v1/projects": tests check each change is audited. */
    java.util.List<String> routes() {
        return app.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
                .map(h -> h.getEndpoint().getMethod() + " " + h.getEndpoint().getPath()).toList();
    }

    public String baseUrl() { return baseUrl; }

    @Override
    public void close() {
        housekeeping.close();
        app.stop();
        samples.close();
        // After the last call is answered: drain what the journal holds, then let go of the database.
        metering.close();
        try {
            shared.close();
        } catch (Exception e) {
            LOG.warn("Closing the connection to Redis failed", e);
        }
        database.close();
        // Files a library created while the node ran (H2's trace file) become owner-only too.
        DataFolder.restrictContents(dataDir);
    }
}
