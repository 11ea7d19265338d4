package dev.tollgate.server;

import dev.tollgate.core.Issuer;
import dev.tollgate.core.access.AccessChecker;
import dev.tollgate.core.access.AccessDecider;
import dev.tollgate.core.bootstrap.CliClient;
import dev.tollgate.core.bootstrap.FirstStart;
import dev.tollgate.core.catalog.ApiCatalog;
import dev.tollgate.core.catalog.ApiDefinition;
import dev.tollgate.core.catalog.CatalogLoader;
import dev.tollgate.core.oauth.TokenService;
import dev.tollgate.core.secret.DataFolder;
import dev.tollgate.core.secret.MasterKey;
import dev.tollgate.store.jdbc.JdbcOAuthClientRepository;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
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

    private final Deque<AutoCloseable> started;
    private final HttpServer http;
    private final String baseUrl;
    private final Path dataDir;

    private Tollgate(Deque<AutoCloseable> started, HttpServer http, String baseUrl, Path dataDir) {
        this.started = started;
        this.http = http;
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

    /**
     * Starts the parts in order: stores, shared state (Redis), identities, accounting, OAuth, people,
     * HTTP. When one fails, those already started are closed in reverse order.
     *
     * @throws StartupProblem naming the option to change, with what failed as its cause
     */
    public static Tollgate start(ServerConfig config, PrintStream out, Wiring wiring) {
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            return start(config, out, wiring, started);
        } catch (RuntimeException e) {
            closeInReverse(started);
            throw StartupProblem.explain(e, config);
        }
    }

    private static Tollgate start(ServerConfig config, PrintStream out, Wiring wiring, Deque<AutoCloseable> started) {
        ApiCatalog catalog = loadCatalog(config);
        int port = config.port() == 0 ? freePort() : config.port();
        Issuer issuer = new Issuer(config.issuer().orElse("http://localhost:" + port));
        DataFolder.prepare(config.dataDir());
        MasterKey masterKey = config.masterKey().readOrCreate(config.dataDir());
        Clock clock = Clock.systemUTC();

        Stores stores = Stores.open(config, masterKey);
        started.push(stores);
        SharedState shared = SharedState.of(config.redisUrl(), clock);
        started.push(shared);
        Identities identities = Identities.wire(config, stores, shared.bus(), catalog, issuer, masterKey, clock);
        tell(out, new FirstStart(stores.projects(), identities.serviceAccounts(), stores.users(), stores.verifiedAddresses(),
                new JdbcOAuthClientRepository(stores.db()), clock).run(config.dataDir(), config.adminPassword()));
        Accounting accounting = Accounting.start(config, stores, shared, catalog, identities.projects().permissions(), clock);
        started.push(accounting);
        started.push(new Housekeeping(stores.expiredRecords(), accounting.usageLedger(), clock));
        OAuthWiring oauth = OAuthWiring.wire(config.oauth(), stores.db(), masterKey, catalog, stores.projects(), identities.projects().permissions(),
                identities.accessTokens(), shared.bus(), issuer, stores.verifiedAddresses(), clock);
        PeopleWiring people = PeopleWiring.wire(config, stores, shared, oauth, identities.projects().permissions(), issuer, clock);
        started.push(people);
        var serviceAccountGrant = identities.serviceAccountGrant().withIdTokens(oauth.idTokens()::issueForServiceAccount);
        var tokens = new TokenService(serviceAccountGrant, oauth.codeGrant(), oauth.refreshGrant(), oauth.deviceFlow());
        AccessDecider decider = wiring.decider().apply(new AccessChecker(identities.cache(), identities.accessTokens().bearer()));
        HttpServer http = HttpServer.start(config, wiring, catalog, issuer, port,
                new HttpServer.Parts(identities, decider, tokens, stores, oauth, people, accounting), clock);
        started.push(http);

        String host = config.host().equals("0.0.0.0") ? "localhost" : config.host();
        String base = "http://" + host + ":" + http.app().port();
        return new Tollgate(started, http, base, config.dataDir());
    }

    /** Closes what started, last first; a part that fails to close does not keep the others open. */
    private static void closeInReverse(Deque<AutoCloseable> started) {
        while (!started.isEmpty()) {
            AutoCloseable part = started.pop();
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("Closing {} failed", part.getClass().getSimpleName(), e);
            }
        }
    }

    private static ApiCatalog loadCatalog(ServerConfig config) {
        ApiCatalog catalog = config.catalogFile().map(CatalogLoader::load).orElseGet(CatalogLoader::builtIn);
        for (ApiDefinition api : catalog.apis()) {
            if (RESERVED_API_NAMES.contains(api.name())) {
                throw new StartupProblem.ReservedApiName(config.catalogFile().map(Object::toString).orElse("built-in catalog")
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
        if (outcome.cliClientCreated()) {
            LOG.info("Created the OAuth client {} ({}) in project {} for 'tollgate auth login'", CliClient.DISPLAY_NAME, CliClient.CLIENT_ID,
                    FirstStart.PLATFORM_PROJECT);
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() { return http.app().port(); }

    /** Every HTTP route this node serves, as "POST /admin/v1/projects": tests check each change is audited. */
    java.util.List<String> routes() {
        return http.app().unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
                .map(h -> h.getEndpoint().getMethod() + " " + h.getEndpoint().getPath()).toList();
    }

    public String baseUrl() { return baseUrl; }

    /** Where the gateway alone is also served, on event loops, when {@code --api-port} was given. */
    public java.util.Optional<String> apiUrl() {
        String host = baseUrl.substring(0, baseUrl.lastIndexOf(':'));
        return http.api().map(api -> host + ":" + api.port());
    }

    /**
     * Stops the parts in reverse order: the HTTP server lets the calls in flight finish, the journal
     * is drained into the ledger, then Redis and the database are let go.
     */
    @Override
    public void close() {
        closeInReverse(started);
        // Files a library created while the node ran (H2's trace file) become owner-only too.
        DataFolder.restrictContents(dataDir);
        LOG.info("Tollgate stopped");
    }
}
