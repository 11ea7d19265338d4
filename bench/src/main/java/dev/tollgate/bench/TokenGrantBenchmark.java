package dev.tollgate.bench;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.core.Issuer;
import dev.tollgate.core.cache.LocalInvalidationBus;
import dev.tollgate.core.catalog.CatalogLoader;
import dev.tollgate.core.oauth.AuthorizationCodeGrant;
import dev.tollgate.core.oauth.AuthorizationService;
import dev.tollgate.core.oauth.ClientAuthenticator;
import dev.tollgate.core.oauth.ClientSecret;
import dev.tollgate.core.oauth.ClientType;
import dev.tollgate.core.oauth.GrantGenerations;
import dev.tollgate.core.oauth.IdTokens;
import dev.tollgate.core.oauth.OAuthClient;
import dev.tollgate.core.oauth.OAuthClientService;
import dev.tollgate.core.oauth.Person;
import dev.tollgate.core.oauth.PersonTokens;
import dev.tollgate.core.oauth.RefreshTokenGrant;
import dev.tollgate.core.oauth.ServiceAccountGrant;
import dev.tollgate.core.oauth.SigningKeys;
import dev.tollgate.core.oauth.TokenRevoker;
import dev.tollgate.core.principal.Member;
import dev.tollgate.core.project.Project;
import dev.tollgate.core.project.ProjectPermissions;
import dev.tollgate.core.secret.MasterKey;
import dev.tollgate.core.secret.SecretKind;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.core.serviceaccount.KeyMaterial;
import dev.tollgate.core.serviceaccount.ServiceAccount;
import dev.tollgate.core.serviceaccount.ServiceAccountKey;
import dev.tollgate.core.token.AccessTokenIssuer;
import dev.tollgate.core.token.AccessTokenSeal;
import dev.tollgate.core.token.KnownScopes;
import dev.tollgate.core.token.RevokedAccessTokens;
import dev.tollgate.core.user.User;
import dev.tollgate.protocol.ClientAuth;
import dev.tollgate.protocol.FormBody;
import dev.tollgate.protocol.Scopes;
import dev.tollgate.protocol.TokenRequest;
import dev.tollgate.protocol.TokenResponse;
import dev.tollgate.store.jdbc.Database;
import dev.tollgate.store.jdbc.JdbcAccessTokenRevocationRepository;
import dev.tollgate.store.jdbc.JdbcAuthorizationCodeRepository;
import dev.tollgate.store.jdbc.JdbcGrantGenerationRepository;
import dev.tollgate.store.jdbc.JdbcGrantRepository;
import dev.tollgate.store.jdbc.JdbcOAuthClientRepository;
import dev.tollgate.store.jdbc.JdbcProjectRepository;
import dev.tollgate.store.jdbc.JdbcRefreshTokenRepository;
import dev.tollgate.store.jdbc.JdbcServiceAccountRepository;
import dev.tollgate.store.jdbc.JdbcSigningKeyRepository;
import dev.tollgate.store.jdbc.JdbcUserRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
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
 * The token endpoint's grants as the domain runs them, on the embedded H2 database: a confidential
 * client's refresh (client secret check, refresh-token lookup, a new access token stored), a
 * service account's JWT-bearer exchange (RS256 verification, a new access token stored), and one
 * ID-token signature on its own. HTTP parsing is not included; see BENCHMARKS.md for the wrk figures.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TokenGrantBenchmark {
    private static final String REDIRECT = "https://app.example.com/cb";

    private Path dir;
    private Database db;
    private RefreshTokenGrant refreshGrant;
    private ServiceAccountGrant serviceAccountGrant;
    private IdTokens idTokens;
    private TokenRequest.RefreshToken refreshRequest;
    private TokenRequest.JwtBearer jwtBearerRequest;

    @Setup(Level.Trial)
    public void wire() throws Exception {
        dir = Files.createTempDirectory("tollgate-jmh-tokens-");
        db = Database.open(Database.h2Url(dir), null, null);
        Clock clock = Clock.systemUTC();
        Instant now = Instant.now();
        Issuer issuer = new Issuer("https://tollgate.example");
        var projects = new JdbcProjectRepository(db);
        projects.insert(new Project("bench-tokens", "222233334444", "Bench", now), Member.user("owner@example.com"));
        new JdbcUserRepository(db).insert(new User("u1", "person@example.com", "x", now));
        var clients = new JdbcOAuthClientRepository(db);
        var client = new OAuthClient("bench-client", "bench-tokens", ClientType.WEB, "Bench", List.of(REDIRECT), List.of(), now);
        clients.insert(client);
        String secret = Secrets.generate(SecretKind.CLIENT_SECRET);
        clients.insertSecret(new ClientSecret("s1", client.clientId(), Secrets.hash(secret), now));

        var bus = new LocalInvalidationBus();
        var accessTokens = new RevokedAccessTokens(new JdbcAccessTokenRevocationRepository(db), bus, clock, Duration.ofHours(1));
        var tokenIssuer = new AccessTokenIssuer(AccessTokenSeal.derivedFrom(MasterKey.generate()), clock, Duration.ofHours(1));
        var grants = new JdbcGrantRepository(db);
        var codes = new JdbcAuthorizationCodeRepository(db);
        var refreshTokens = new JdbcRefreshTokenRepository(db);
        var generations = new GrantGenerations(new JdbcGrantGenerationRepository(db));
        var revoker = new TokenRevoker(accessTokens, refreshTokens, grants, generations);
        var signingKeys = new SigningKeys(new JdbcSigningKeyRepository(db, dev.tollgate.core.secret.MasterKey.generate()), clock, Duration.ofDays(30), Duration.ofDays(2));
        idTokens = new IdTokens(signingKeys, issuer, clock);
        var personTokens = new PersonTokens(tokenIssuer, refreshTokens, revoker, idTokens, clock, 100);
        var catalog = CatalogLoader.builtIn();
        var authenticator = new ClientAuthenticator(clients);
        var clientService = new OAuthClientService(clients, new ProjectPermissions(projects), revoker, issuer, bus, clock);
        var authorization = new AuthorizationService(clients, projects, clientService, grants, generations, codes, new KnownScopes(catalog), catalog, issuer, clock);
        var codeGrant = new AuthorizationCodeGrant(authenticator, codes, grants, generations, revoker, personTokens, clock);
        refreshGrant = new RefreshTokenGrant(authenticator, refreshTokens, grants, generations, revoker, personTokens, clock, Duration.ofDays(183));

        var params = Map.of("client_id", client.clientId(), "redirect_uri", REDIRECT, "response_type", "code",
                "scope", "calendar", "access_type", "offline");
        var outcome = (AuthorizationService.Outcome.Redirect) authorization.authorize(new FormBody(params.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue())))), Optional.of(new Person("u1", "person@example.com", now)),
                Optional.of(true));
        String code = outcome.location().replaceAll(".*[?&]code=([^&]+).*", "$1");
        ClientAuth auth = new ClientAuth.SecretPost(client.clientId(), secret);
        TokenResponse first = codeGrant.redeem(new TokenRequest.AuthorizationCode(auth, code, REDIRECT, Optional.empty()));
        refreshRequest = new TokenRequest.RefreshToken(auth, first.refreshToken(), Optional.empty());

        var accounts = new JdbcServiceAccountRepository(db);
        var account = new ServiceAccount("bench-bot@bench-tokens.iam", "123456789012345678901", "bench-tokens", "Bench", false, now);
        accounts.insert(account);
        KeyPair pair = KeyMaterial.generateRsa2048();
        accounts.insertKey(new ServiceAccountKey("benchkey", account.email(), (RSAPublicKey) pair.getPublic(), ServiceAccountKey.Origin.GENERATED, false, now));
        serviceAccountGrant = new ServiceAccountGrant(accounts, tokenIssuer, new KnownScopes(catalog), issuer, clock, Duration.ofSeconds(60));
        var claims = new JWTClaimsSet.Builder().issuer(account.email()).audience(issuer.tokenUri()).claim("scope", "calendar")
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(3500))).build();
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("benchkey").build(), claims);
        jwt.sign(new RSASSASigner(pair.getPrivate()));
        // One assertion may be exchanged again until it expires, as with Google's token endpoint.
        jwtBearerRequest = new TokenRequest.JwtBearer(jwt.serialize(), Scopes.EMPTY);
    }

    @TearDown(Level.Trial)
    public void close() {
        db.close();
    }

    @Benchmark
    public TokenResponse refreshGrant() throws Exception {
        return refreshGrant.refresh(refreshRequest);
    }

    @Benchmark
    public TokenResponse jwtBearerGrant() throws Exception {
        return serviceAccountGrant.exchange(jwtBearerRequest);
    }

    @Benchmark
    public String idTokenSignature() {
        return idTokens.issue("u1", "person@example.com", "bench-client", Instant.now(), Optional.of("n"), true);
    }
}
