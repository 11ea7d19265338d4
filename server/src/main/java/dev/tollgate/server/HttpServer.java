package dev.tollgate.server;

import dev.tollgate.core.Issuer;
import dev.tollgate.core.access.AccessDecider;
import dev.tollgate.core.catalog.ApiCatalog;
import dev.tollgate.core.cors.GatewayCors;
import dev.tollgate.core.discovery.DiscoveryDocuments;
import dev.tollgate.core.gateway.Backends;
import dev.tollgate.core.gateway.CallAccounting;
import dev.tollgate.core.gateway.CallMeter;
import dev.tollgate.core.gateway.GatewayCall;
import dev.tollgate.core.oauth.DeviceVerification;
import dev.tollgate.core.oauth.ScopeDescriptions;
import dev.tollgate.core.oauth.TokenService;
import dev.tollgate.core.samples.CalendarApi;
import dev.tollgate.core.samples.PostsApi;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.protocol.ApiException;
import dev.tollgate.server.account.PermissionsPage;
import dev.tollgate.server.admin.AdminApi;
import dev.tollgate.server.admin.AdminAuthenticator;
import dev.tollgate.server.admin.BillingRoutes;
import dev.tollgate.server.admin.OAuthClientRoutes;
import dev.tollgate.server.admin.QuotaRoutes;
import dev.tollgate.server.admin.UsageRoutes;
import dev.tollgate.server.admin.openapi.DescriptionRoute;
import dev.tollgate.server.cors.GatewayCorsHandler;
import dev.tollgate.server.discovery.DiscoveryRoutes;
import dev.tollgate.server.gateway.ApiHostGuard;
import dev.tollgate.server.gateway.ApiListener;
import dev.tollgate.server.gateway.BackendProxy;
import dev.tollgate.server.gateway.GatewayDispatch;
import dev.tollgate.server.gateway.GatewayHandler;
import dev.tollgate.server.gateway.GatewayMetrics;
import dev.tollgate.server.http.ErrorWriters;
import dev.tollgate.server.http.JettyJsonErrors;
import dev.tollgate.server.http.PeerAddress;
import dev.tollgate.server.http.SecurityHeaders;
import dev.tollgate.server.oauth.AuthorizationEndpoint;
import dev.tollgate.server.oauth.DevicePages;
import dev.tollgate.server.oauth.OAuthDispatch;
import dev.tollgate.server.oauth.OAuthEndpoints;
import dev.tollgate.server.oauth.ServiceAccountJwks;
import dev.tollgate.server.samples.SampleBackends;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import org.eclipse.jetty.servlet.FilterHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last part of a node: the sample backends and the HTTP server with every route. Stopping it
 * lets the calls in flight finish before the sample backends go.
 */
record HttpServer(Javalin app, BackendProxy proxy, SampleBackends samples, Optional<ApiListener> api) implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

    /** The other parts the routes call into. */
    record Parts(Identities identities, AccessDecider decider, TokenService tokens, Stores stores, OAuthWiring oauth,
                 PeopleWiring peopleWiring, Accounting accountingPart) {}

    static HttpServer start(ServerConfig config, Tollgate.Wiring wiring, ApiCatalog catalog, Issuer issuer, int port, Parts parts, Clock clock) {
        String backendSecret = Secrets.randomBase62(32);
        var samples = new SampleBackends(new PostsApi(parts.stores().samples(), clock), new CalendarApi(parts.stores().samples()), backendSecret);
        var samplesUri = samples.start();
        var proxy = new BackendProxy(config.backendTimeout());
        try {
            var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            var gateway = gateway(config, wiring, catalog, parts, clock, samplesUri, backendSecret, proxy, registry);
            Javalin app = routes(config, catalog, issuer, parts, clock, gateway.dispatch(), registry);
            try {
                app.start(config.host(), port);
            } catch (RuntimeException e) {
                // Jetty may have started its threads before the bind failed.
                app.stop();
                throw e;
            }
            try {
                return new HttpServer(app, proxy, samples, apiListener(config, gateway));
            } catch (RuntimeException e) {
                app.stop();
                throw e;
            }
        } catch (RuntimeException e) {
            proxy.close();
            samples.close();
            throw e;
        }
    }

    /** With {@code --api-port}: the gateway alone, on event loops; its steps off the loops when the stores are reached over the network. */
    private static Optional<ApiListener> apiListener(ServerConfig config, Gateway gateway) {
        if (config.apiPort().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ApiListener.start(config.host(), config.apiPort().getAsInt(), gateway.call(), gateway.cors(),
                    gateway.metrics(), config.apiHost(), gateway.dispatch()::isGatewayPath, config.backendTimeout(),
                    config.dbUrl().isPresent() || config.redisUrl().isPresent()));
        } catch (ApiListener.CannotListen e) {
            throw new StartupProblem("cannot listen on " + config.host() + ":" + config.apiPort().getAsInt() + " for the API gateway: "
                    + StartupProblem.lowerFirst(StartupProblem.deepestMessage(e)), StartupProblem.API_PORT, e);
        }
    }

    /** The gateway's parts that both listeners serve. */
    private record Gateway(GatewayDispatch dispatch, GatewayCall call, GatewayCors cors, GatewayMetrics metrics) {}

    private static Javalin routes(ServerConfig config, ApiCatalog catalog, Issuer issuer, Parts parts, Clock clock,
                                  GatewayDispatch gateway, PrometheusMeterRegistry registry) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);

        var oauthCors = new dev.tollgate.server.cors.OAuthCorsRoutes(new dev.tollgate.core.cors.OAuthCors(
                parts.oauth().clientRepository(), parts.oauth().javascriptOrigins()));
        var oauthCalls = new OAuthDispatch(parts.tokens(), parts.oauth().inspection(), oauthCors, config.apiHost());
        Javalin app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.useVirtualThreads = true;
            c.router.ignoreTrailingSlashes = false;
            c.http.maxRequestSize = 1_000_000L;
            c.jetty.modifyServer(server -> server.setErrorHandler(new JettyJsonErrors()));
            c.jetty.modifyServletContextHandler(handler -> {
                handler.addFilter(new FilterHolder(gateway), "/*", EnumSet.of(DispatcherType.REQUEST));
                handler.addFilter(new FilterHolder(oauthCalls), "/*", EnumSet.of(DispatcherType.REQUEST));
            });
            c.staticFiles.enableWebjars(); // the console's Chart.js and htmx, at /webjars/NAME/VERSION/…
        });
        app.before(ctx -> SecurityHeaders.apply(ctx.res()));
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

        var stores = parts.stores();
        var oauth = parts.oauth();
        var projects = parts.identities().projects();
        var decider = parts.decider();
        var addresses = parts.peopleWiring().addresses();
        var people = parts.peopleWiring().people();

        app.get("/healthz", ctx -> ctx.result("ok"));
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape()));
        new ServiceAccountJwks(stores.serviceAccounts()).register(app);
        new dev.tollgate.server.oauth.X509Certs(new dev.tollgate.core.oauth.PublishedCertificates(oauth.signingKeys()), stores.serviceAccounts()).register(app);
        var adminAuth = new AdminAuthenticator(parts.identities().accessTokens().bearer());
        new AdminApi(adminAuth, projects, parts.identities().keys(), parts.identities().serviceAccounts()).register(app);
        new OAuthClientRoutes(adminAuth, oauth.clients()).register(app);
        new DescriptionRoute().register(app);
        new OAuthEndpoints(oauth.inspection(), oauth.deviceFlow(), oauth.signingKeys(), issuer, oauth.supportedScopes()).register(app);
        oauthCors.register(app);
        dev.tollgate.server.cors.PublicDocuments.register(app, catalog.apis());

        var authorizationEndpoint = new AuthorizationEndpoint(oauth.authorization(), people.sessions(), people.pages());
        people.register(app, adminAuth, authorizationEndpoint::redirectTargetOf);
        authorizationEndpoint.register(app);
        new PermissionsPage(oauth.permissions(), people.sessions(), people.pages()).register(app);
        new DevicePages(new DeviceVerification(oauth.deviceFlow(), oauth.clientRepository(), oauth.clients(), stores.projects(),
                new ScopeDescriptions(catalog), parts.peopleWiring().throttles()),
                people.sessions(), people.pages(), ctx -> addresses.resolve(PeerAddress.of(ctx), ctx.header("X-Forwarded-For"))).register(app);
        var auditTrail = dev.tollgate.server.audit.Audit.register(app, stores.auditLog(), projects.permissions(), adminAuth,
                addresses, people.sessions(), stores.users(), stores.deviceAuthorizations(), clock);
        new dev.tollgate.server.console.ConsoleRoutes(people.sessions(), people.pages(),
                new dev.tollgate.server.audit.ConsoleAudit(auditTrail, addresses), new dev.tollgate.server.console.ConsoleRoutes.Services(projects,
                parts.identities().keys(), parts.identities().serviceAccounts(), oauth.clients(), parts.accountingPart().usageLedger()),
                new dev.tollgate.server.console.ConsoleRoutes.Accounts(parts.accountingPart().quotaService(),
                        parts.accountingPart().billingService(), config.quotaDayZone()), catalog)
                .register(app, new dev.tollgate.server.console.ConsoleRoutes.Governance(auditTrail, people.accounts(), people.verification(),
                        people.administration(),
                        ctx -> addresses.resolve(PeerAddress.of(ctx), ctx.header("X-Forwarded-For")), clock));

        new BillingRoutes(adminAuth, parts.accountingPart().billingService()).register(app);
        new UsageRoutes(adminAuth, projects.permissions(), parts.accountingPart().usageLedger()).register(app);
        new QuotaRoutes(adminAuth, parts.accountingPart().quotaService()).register(app);
        config.apiHost().ifPresent(apiHost -> app.before(new ApiHostGuard(apiHost, catalog.apis())));
        new DiscoveryRoutes(catalog, new DiscoveryDocuments(catalog, issuer)).register(app);
        return app;
    }

    /** The gateway's calls, dispatched ahead of Javalin's routes. */
    private static Gateway gateway(ServerConfig config, Tollgate.Wiring wiring, ApiCatalog catalog, Parts parts, Clock clock,
                                           java.net.URI samplesUri, String backendSecret, BackendProxy proxy, PrometheusMeterRegistry registry) {
        var accountingPart = parts.accountingPart();
        CallAccounting accounting = wiring.accounting()
                ? CallAccounting.charged(accountingPart.quota(), accountingPart.billingGate(),
                        new CallMeter(accountingPart.metering().journal(), clock))
                : CallAccounting.NONE;
        var call = new GatewayCall(catalog, parts.decider(), accounting, parts.peopleWiring().addresses(),
                new Backends(catalog.apis(), samplesUri), backendSecret);
        var metrics = new GatewayMetrics(registry);
        var cors = new GatewayCors(catalog);
        var handler = new GatewayHandler(call, proxy, metrics, config.apiHost());
        return new Gateway(new GatewayDispatch(catalog.apis(), new GatewayCorsHandler(handler, cors, config.apiHost())), call, cors, metrics);
    }

    @Override
    public void close() {
        api.ifPresent(ApiListener::close);
        app.stop();
        proxy.close();
        samples.close();
    }
}
