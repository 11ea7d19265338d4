package dev.tollgate.bench;

import dev.tollgate.core.access.AccessChecker;
import dev.tollgate.core.access.BearerAuthenticator;
import dev.tollgate.core.access.CallAttempt;
import dev.tollgate.core.access.Caller;
import dev.tollgate.core.access.CredentialCache;
import dev.tollgate.core.cache.LocalInvalidationBus;
import dev.tollgate.core.catalog.ApiCatalog;
import dev.tollgate.core.catalog.CatalogLoader;
import dev.tollgate.core.catalog.MethodMatch;
import dev.tollgate.core.key.ApiKey;
import dev.tollgate.core.key.CallOrigin;
import dev.tollgate.core.key.KeyRestrictions;
import dev.tollgate.core.principal.Member;
import dev.tollgate.core.project.Project;
import dev.tollgate.core.secret.MasterKey;
import dev.tollgate.core.secret.SecretKind;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.core.token.AccessToken;
import dev.tollgate.core.token.AccessTokenSeal;
import dev.tollgate.core.token.RevokedAccessTokens;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.protocol.ApiException;
import dev.tollgate.protocol.Scopes;
import dev.tollgate.store.jdbc.Database;
import dev.tollgate.store.jdbc.JdbcAccessTokenRevocationRepository;
import dev.tollgate.store.jdbc.JdbcApiKeyRepository;
import dev.tollgate.store.jdbc.JdbcProjectRepository;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The gateway's access decision ({@link AccessChecker#decide}) for one call to
 * {@code posts.people.posts.list}, as the product wires it: a {@link CredentialCache} over the JDBC
 * repositories on an H2 database in a temporary folder. The setup stores a project with posts
 * enabled, keys and a token, and makes one call of each kind so that the caches are warm; every
 * measured call then takes the product's own cache path and reads no database.
 *
 * <p>Reproduce with {@code bench/run-jmh.sh} (see docs/BENCHMARKS.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AccessCheckBenchmark {
    private static final String PROJECT = "bench-app";
    private static final String USER = "bench@example.com";

    private Path dataDir;
    private Database database;
    private AccessChecker checker;

    private CallAttempt keyCall;
    private CallAttempt ipRestrictedKeyCall;
    private CallAttempt referrerRestrictedKeyCall;
    private CallAttempt tokenCall;
    private CallAttempt malformedKeyCall;

    @Setup(Level.Trial)
    public void storeProjectKeysAndToken() throws IOException {
        dataDir = Files.createTempDirectory("tollgate-jmh-");
        database = Database.open(Database.h2Url(dataDir), null, null);
        var projects = new JdbcProjectRepository(database);
        var keys = new JdbcApiKeyRepository(database);
        var revocations = new JdbcAccessTokenRevocationRepository(database);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        projects.insert(new Project(PROJECT, "123456789012", "Benchmark", now), Member.user(USER));
        projects.setServiceEnabled(PROJECT, "posts", true);

        String plainKey = storeKey(keys, "k-plain", KeyRestrictions.NONE, now);
        // Google allows one kind of application restriction per key (KeyRestrictions.validate), so
        // the IP list and the referrer list are on two keys, each also limited to the posts API.
        List<KeyRestrictions.ApiTarget> postsOnly = List.of(new KeyRestrictions.ApiTarget("posts", List.of()));
        String ipKey = storeKey(keys, "k-ip", new KeyRestrictions(postsOnly,
                List.of("10.0.0.0/8", "192.168.0.0/16", "2001:db8::/32", "203.0.113.0/24"), null, null, null), now);
        String referrerKey = storeKey(keys, "k-referrer", new KeyRestrictions(postsOnly, null,
                List.of("https://app.example.com/*", "*.example.org"), null, null), now);

        var seal = AccessTokenSeal.derivedFrom(MasterKey.generate());
        String token = seal.seal(AccessToken.SubjectKind.SERVICE_ACCOUNT, "104711", "poster-bot@" + PROJECT + ".iam", "104711",
                PROJECT, Scopes.of("posts"), now, now.plus(Duration.ofDays(1)), null).token();

        var bus = new LocalInvalidationBus();
        var cache = new CredentialCache(keys, projects, bus);
        var revoked = new RevokedAccessTokens(revocations, bus, Clock.systemUTC(), Duration.ofHours(1));
        checker = new AccessChecker(cache, new BearerAuthenticator(seal, revoked, Clock.systemUTC()));

        ApiCatalog catalog = CatalogLoader.builtIn();
        MethodMatch list = catalog.match("posts", "v1", "GET", "/people/" + USER + "/posts").orElseThrow();
        InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        InetAddress documentation = InetAddress.getByAddress(new byte[] {(byte) 203, 0, 113, 7});
        CallOrigin server = new CallOrigin(loopback, null, null, null, null);

        keyCall = new CallAttempt(list, Optional.of(plainKey), Optional.empty(), server);
        ipRestrictedKeyCall = new CallAttempt(list, Optional.of(ipKey), Optional.empty(),
                new CallOrigin(documentation, null, null, null, null));
        referrerRestrictedKeyCall = new CallAttempt(list, Optional.of(referrerKey), Optional.empty(),
                new CallOrigin(loopback, "https://www.example.org/blog/2026/entry.html?ref=feed", null, null, null));
        tokenCall = new CallAttempt(list, Optional.empty(), Optional.of(token), server);
        // Right prefix and length, one character changed: the checksum catches it before any lookup.
        char last = plainKey.charAt(plainKey.length() - 1);
        String malformed = plainKey.substring(0, plainKey.length() - 1) + (last == 'A' ? 'B' : 'A');
        malformedKeyCall = new CallAttempt(list, Optional.of(malformed), Optional.empty(), server);

        // Each benchmark must measure the path it is named after: check the outcome once, which
        // also loads every credential and the project into the caches.
        expect(keyCall, Caller.AccessType.SIMPLE, "k-plain");
        expect(ipRestrictedKeyCall, Caller.AccessType.SIMPLE, "k-ip");
        expect(referrerRestrictedKeyCall, Caller.AccessType.SIMPLE, "k-referrer");
        expect(tokenCall, Caller.AccessType.AUTHORIZED, null);
        if (rejectMalformedKey().error() != ApiError.API_KEY_INVALID) {
            throw new IllegalStateException("the malformed key was not refused as API_KEY_INVALID");
        }
    }

    @TearDown(Level.Trial)
    public void deleteDatabase() throws IOException {
        database.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** An unrestricted key: checksum, SHA-256, key cache, project cache. */
    @Benchmark
    public Caller keyCheck() {
        return checker.decide(keyCall).orThrow();
    }

    /** A key limited to the posts API and to four CIDR blocks; the caller is in the last one. */
    @Benchmark
    public Caller restrictedKeyCheck() {
        return checker.decide(ipRestrictedKeyCall).orThrow();
    }

    /** A key limited to the posts API and to two referrer patterns; the Referer matches the second. */
    @Benchmark
    public Caller referrerKeyCheck() {
        return checker.decide(referrerRestrictedKeyCall).orThrow();
    }

    /** A service-account token with the posts scope: checksum, SHA-256, token cache, expiry, scopes, project. */
    @Benchmark
    public Caller tokenCheck() {
        return checker.decide(tokenCall).orThrow();
    }

    /** A key whose checksum is wrong: refused without a cache lookup. */
    @Benchmark
    public ApiException rejectMalformedKey() {
        try {
            checker.decide(malformedKeyCall).orThrow();
        } catch (ApiException e) {
            return e;
        }
        throw new IllegalStateException("a malformed key was accepted");
    }

    private static String storeKey(JdbcApiKeyRepository keys, String keyId, KeyRestrictions restrictions, Instant now) {
        String keyString = Secrets.generate(SecretKind.API_KEY);
        keys.insert(new ApiKey(keyId, PROJECT, keyId, restrictions, now, Secrets.hash(keyString)));
        return keyString;
    }

    private void expect(CallAttempt call, Caller.AccessType access, String keyId) {
        Caller caller = checker.decide(call).orThrow();
        if (caller.access() != access || !caller.projectId().equals(PROJECT)
                || (keyId != null && !caller.keyId().equals(Optional.of(keyId)))) {
            throw new IllegalStateException("unexpected caller " + caller);
        }
    }
}
