package dev.tollgate.core.oauth;

import dev.tollgate.core.Issuer;
import dev.tollgate.core.access.BearerAuthenticator;
import dev.tollgate.core.cache.Invalidation;
import dev.tollgate.core.cache.InvalidationBus;
import dev.tollgate.core.catalog.ApiCatalog;
import dev.tollgate.core.catalog.CatalogLoader;
import dev.tollgate.core.principal.Member;
import dev.tollgate.core.project.Project;
import dev.tollgate.core.project.ProjectMember;
import dev.tollgate.core.project.ProjectPermissions;
import dev.tollgate.core.project.ProjectRepository;
import dev.tollgate.core.project.Role;
import dev.tollgate.core.secret.MasterKey;
import dev.tollgate.core.token.AccessToken;
import dev.tollgate.core.token.AccessTokenIssuer;
import dev.tollgate.core.token.AccessTokenSeal;
import dev.tollgate.core.token.InMemoryRevocations;
import dev.tollgate.core.token.KnownScopes;
import dev.tollgate.core.token.RevokedAccessTokens;
import dev.tollgate.core.user.MutableClock;
import dev.tollgate.protocol.ClientAuth;
import dev.tollgate.protocol.FormBody;
import dev.tollgate.protocol.Pkce;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/** The OAuth domain wired on in-memory repositories and a clock the test moves: one person, one installed app. */
final class InMemoryOAuth {
    static final String PROJECT = "grant-tests";
    static final String REDIRECT = "http://127.0.0.1/callback";
    static final Person ALICE = new Person("alice-id", "alice@example.com", Instant.parse("2026-12-01T00:00:00Z"));

    /** Runs while a grant is being used, between the check of an artefact and the minting of its tokens. */
    Runnable duringTouch = () -> { };
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
    final Map<String, Grant> grantRows = new HashMap<>();
    final Map<String, AuthorizationCodeRecord> codeRows = new HashMap<>();
    final Set<String> usedCodes = new HashSet<>();
    final Map<String, DeviceAuthorization> deviceRows = new HashMap<>();
    final Map<String, RefreshTokenRecord> refreshRows = new LinkedHashMap<>();
    final Map<String, Long> generationRows = new HashMap<>();
    final Map<String, Long> artifactRows = new HashMap<>();
    final Map<String, OAuthClient> clientRows = new HashMap<>();
    /** How often the refresh tokens were asked whether a family holds one. */
    int familyReads;

    final GrantRepository grants = new GrantRepository() {
        public Optional<Grant> find(String userId, String clientId) { return Optional.ofNullable(grantRows.get(userId + " " + clientId)); }
        public void put(Grant g) { grantRows.put(g.userId() + " " + g.clientId(), g); }
        public void touch(String userId, String clientId, Instant when) {
            duringTouch.run();
            grantRows.computeIfPresent(userId + " " + clientId, (k, g) -> new Grant(g.userId(), g.clientId(), g.scopes(), g.createTime(), Optional.of(when)));
        }
        public boolean delete(String userId, String clientId) { return grantRows.remove(userId + " " + clientId) != null; }
        public List<Grant> listForUser(String userId) { return grantRows.values().stream().filter(g -> g.userId().equals(userId)).toList(); }
    };

    final AuthorizationCodeRepository codes = new AuthorizationCodeRepository() {
        public void insert(AuthorizationCodeRecord code) { codeRows.put(code.codeHash(), code); }
        public Optional<Redemption> redeem(String codeHash) {
            return Optional.ofNullable(codeRows.get(codeHash)).map(c -> new Redemption(c, usedCodes.add(codeHash)));
        }
    };

    final DeviceAuthorizationRepository devices = new DeviceAuthorizationRepository() {
        public void insert(DeviceAuthorization d) { deviceRows.put(d.deviceCodeHash(), d); }
        public Optional<DeviceAuthorization> findByDeviceCode(String hash) { return Optional.ofNullable(deviceRows.get(hash)); }
        public Optional<DeviceAuthorization> findByUserCode(String userCode) {
            return deviceRows.values().stream().filter(d -> d.userCode().equals(userCode)).findFirst();
        }
        public boolean decide(String userCode, DeviceAuthorization.Status decision, Person person) {
            Optional<DeviceAuthorization> d = findByUserCode(userCode).filter(x -> x.status() == DeviceAuthorization.Status.PENDING);
            d.ifPresent(x -> deviceRows.put(x.deviceCodeHash(), with(x, decision, Optional.of(person))));
            return d.isPresent();
        }
        public void polled(String hash, Instant when, int interval) { }
        public boolean redeem(String hash) {
            DeviceAuthorization d = deviceRows.get(hash);
            if (d == null || d.status() != DeviceAuthorization.Status.APPROVED) {
                return false;
            }
            deviceRows.put(hash, with(d, DeviceAuthorization.Status.REDEEMED, d.person()));
            return true;
        }
        private DeviceAuthorization with(DeviceAuthorization d, DeviceAuthorization.Status s, Optional<Person> p) {
            return new DeviceAuthorization(d.deviceCodeHash(), d.userCode(), d.clientId(), d.scopes(), d.expireTime(), d.intervalSeconds(), s, p, d.lastPollTime());
        }
    };

    final RefreshTokenRepository refreshTokens = new RefreshTokenRepository() {
        public void insert(RefreshTokenRecord t) { refreshRows.put(t.tokenHash(), t); }
        public Optional<RefreshTokenRecord> find(String hash) { return Optional.ofNullable(refreshRows.get(hash)); }
        public void touch(String hash, Instant when) { update(t -> t.tokenHash().equals(hash), t -> copy(t, t.revoked(), t.rotated(), when)); }
        public boolean markRotated(String hash) {
            RefreshTokenRecord t = refreshRows.get(hash);
            if (t == null || t.revoked() || t.rotated()) {
                return false;
            }
            refreshRows.put(hash, copy(t, false, true, t.lastUsedTime()));
            return true;
        }
        public int revokeFamily(String familyId) { return update(t -> t.familyId().equals(familyId), t -> copy(t, true, t.rotated(), t.lastUsedTime())); }
        public boolean hasFamily(String familyId) { familyReads++; return refreshRows.values().stream().anyMatch(t -> t.familyId().equals(familyId)); }
        public List<String> liveFamilies(String userId, String clientId) {
            return refreshRows.values().stream().filter(t -> !t.revoked() && !t.rotated() && t.userId().equals(userId) && t.clientId().equals(clientId))
                    .sorted(Comparator.comparing(RefreshTokenRecord::createTime)).map(RefreshTokenRecord::familyId).distinct().toList();
        }
        public int revokeForUserAndClient(String userId, String clientId) {
            return update(t -> t.userId().equals(userId) && t.clientId().equals(clientId), t -> copy(t, true, t.rotated(), t.lastUsedTime()));
        }
        public int revokeForClient(String clientId) { return update(t -> t.clientId().equals(clientId), t -> copy(t, true, t.rotated(), t.lastUsedTime())); }
        public int revokeForUser(String userId) { return update(t -> t.userId().equals(userId), t -> copy(t, true, t.rotated(), t.lastUsedTime())); }
        private int update(java.util.function.Predicate<RefreshTokenRecord> which, UnaryOperator<RefreshTokenRecord> change) {
            int n = 0;
            for (var e : refreshRows.entrySet()) {
                if (which.test(e.getValue())) {
                    e.setValue(change.apply(e.getValue()));
                    n++;
                }
            }
            return n;
        }
        private RefreshTokenRecord copy(RefreshTokenRecord t, boolean revoked, boolean rotated, Instant lastUsed) {
            return new RefreshTokenRecord(t.tokenHash(), t.familyId(), t.userId(), t.email(), t.clientId(), t.projectId(), t.scopes(),
                    t.createTime(), lastUsed, revoked, rotated, t.nonce(), t.authTime());
        }
    };

    final GrantGenerationRepository generationRepository = new GrantGenerationRepository() {
        public long current(String userId, String clientId) { return generationRows.getOrDefault(userId + " " + clientId, 0L); }
        public void advance(String userId, String clientId) { generationRows.merge(userId + " " + clientId, 1L, Long::sum); }
        public void bind(String artifactId, long generation) { artifactRows.put(artifactId, generation); }
        public OptionalLong boundTo(String artifactId) {
            Long g = artifactRows.get(artifactId);
            return g == null ? OptionalLong.empty() : OptionalLong.of(g);
        }
        public boolean isLive(String artifactId, String userId, String clientId) {
            return grantRows.containsKey(userId + " " + clientId) && boundTo(artifactId).orElse(0) == current(userId, clientId);
        }
    };

    final List<ClientSecret> secretRows = new java.util.concurrent.CopyOnWriteArrayList<>();
    final OAuthClientRepository clientRepository = new OAuthClientRepository() {
        public void insert(OAuthClient client) { clientRows.put(client.clientId(), client); }
        public Optional<OAuthClient> find(String clientId) { return Optional.ofNullable(clientRows.get(clientId)); }
        public void update(OAuthClient client) { clientRows.replace(client.clientId(), client); }
        public List<OAuthClient> list(String projectId) { return List.copyOf(clientRows.values()); }
        public List<String> javascriptOrigins() { return clientRows.values().stream().flatMap(c -> c.javascriptOrigins().stream()).toList(); }
        public boolean delete(String clientId) { return clientRows.remove(clientId) != null; }
        public void insertSecret(ClientSecret secret) { secretRows.add(secret); }
        public List<ClientSecret> secrets(String clientId) { return secretRows.stream().filter(s -> s.clientId().equals(clientId)).toList(); }
        public boolean deleteSecret(String clientId, String secretId) {
            return secretRows.removeIf(s -> s.clientId().equals(clientId) && s.secretId().equals(secretId));
        }
        public Optional<ConsentScreen> consentScreen(String projectId) { return Optional.empty(); }
        public void putConsentScreen(ConsentScreen screen) { }
    };

    final ProjectRepository projects = new ProjectRepository() {
        public void insert(Project project, Member owner) { }
        public Optional<Project> find(String id) { return Optional.of(new Project(PROJECT, "123456789012", "Grant tests", Instant.EPOCH)); }
        public List<Project> list() { return List.of(); }
        public List<Project> listForMember(Member member) { return List.of(); }
        public boolean delete(String id) { return false; }
        public Set<String> enabledServices(String id) { return Set.of("calendar"); }
        public void setServiceEnabled(String id, String service, boolean on) { }
        public List<ProjectMember> members(String id) { return List.of(); }
        public Optional<Role> roleOf(String id, Member member) { return Optional.of(Role.OWNER); }
        public void putMember(String id, Member member, Role role) { }
        public boolean removeMember(String id, Member member) { return false; }
        public boolean isPlatformAdmin(Member member) { return false; }
        public void grantPlatformAdmin(Member member) { }
        public boolean wasDeleted(String id) { return false; }
    };

    final InvalidationBus bus = new dev.tollgate.core.cache.LocalInvalidationBus();
    final InMemoryRevocations revocationRows = new InMemoryRevocations();
    final RevokedAccessTokens revokedAccessTokens = new RevokedAccessTokens(revocationRows, bus, clock, Duration.ofHours(1));
    final AccessTokenSeal seal = AccessTokenSeal.derivedFrom(MasterKey.generate());
    final BearerAuthenticator bearer = new BearerAuthenticator(seal, revokedAccessTokens, clock);

    final ApiCatalog catalog = CatalogLoader.builtIn();
    final Issuer issuer = new Issuer("https://tollgate.example");
    final GrantGenerations generations = new GrantGenerations(generationRepository);
    final TokenRevoker revoker = new TokenRevoker(revokedAccessTokens, refreshTokens, grants, generations);
    final OAuthClientService clientService = new OAuthClientService(clientRepository, new ProjectPermissions(projects), revoker, issuer, bus, clock);
    final ClientAuthenticator authenticator = new ClientAuthenticator(clientRepository);
    /** No test here asks for openid, so no ID token is ever signed. */
    final PersonTokens personTokens = new PersonTokens(new AccessTokenIssuer(seal, clock, Duration.ofHours(1)), refreshTokens,
            revoker, null, clock, 10);
    final KnownScopes knownScopes = new KnownScopes(catalog);
    final AuthorizationService authorization = new AuthorizationService(clientRepository, projects, clientService, grants, generations,
            codes, knownScopes, catalog, issuer, clock);
    final AuthorizationCodeGrant codeGrant = new AuthorizationCodeGrant(authenticator, codes, grants, generations, revoker, personTokens, clock);
    final RefreshTokenGrant refreshGrant = new RefreshTokenGrant(authenticator, refreshTokens, grants, generations, revoker, personTokens,
            clock, Duration.ofDays(183));
    final DeviceFlow deviceFlow = new DeviceFlow(authenticator, devices, grants, generations, revoker, personTokens, knownScopes, issuer, clock);
    final Permissions permissions = new Permissions(grants, clientRepository, projects, clientService, revoker, catalog);
    final TokenInspection inspection = new TokenInspection(bearer, refreshTokens, revoker, authenticator, null, clock);
    final OAuthClient app = new OAuthClient("1-app.apps.tollgate", PROJECT, ClientType.INSTALLED, "App", List.of(REDIRECT), List.of(), Instant.EPOCH);

    InMemoryOAuth() {
        clientRepository.insert(app);
    }

    /** Whether a token the person's app could hold now, from any code or family, is revoked. */
    boolean everyTokenOfTheAppIsRevoked(String userId) {
        Instant now = clock.instant();
        var probe = new AccessToken("probe", AccessToken.SubjectKind.USER, userId, "someone@example.com", app.clientId(), PROJECT,
                dev.tollgate.protocol.Scopes.of("calendar"), now, now.plus(Duration.ofHours(1)), null);
        return revokedAccessTokens.isRevoked(probe);
    }

    AuthorizationService.Outcome authorize(FormBody params, Optional<Person> person, Optional<Boolean> decision) {
        return authorization.authorize(params, person, decision);
    }

    ClientAuth appAuth() {
        return new ClientAuth.None(app.clientId());
    }

    /** A code the person gets on allowing the app, with its PKCE verifier. */
    record IssuedCode(String code, String verifier) {}

    IssuedCode consent(String scope) {
        return consent(scope, "offline");
    }

    IssuedCode consent(String scope, String accessType) {
        String verifier = "v".repeat(43);
        var params = new LinkedHashMap<String, List<String>>();
        params.put("client_id", List.of(app.clientId()));
        params.put("redirect_uri", List.of(REDIRECT));
        params.put("response_type", List.of("code"));
        params.put("scope", List.of(scope));
        params.put("access_type", List.of(accessType));
        params.put("code_challenge", List.of(Pkce.s256(verifier)));
        params.put("code_challenge_method", List.of("S256"));
        var outcome = authorization.authorize(new FormBody(params), Optional.of(ALICE), Optional.of(true));
        String location = ((AuthorizationService.Outcome.Redirect) outcome).location();
        String code = location.replaceAll(".*[?&]code=([^&]+).*", "$1");
        return new IssuedCode(code, verifier);
    }
}
