package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.Issuer;
import dev.tollgate.core.cache.LocalInvalidationBus;
import dev.tollgate.core.catalog.CatalogLoader;
import dev.tollgate.core.oauth.AuthorizationService;
import dev.tollgate.core.oauth.ClientType;
import dev.tollgate.core.oauth.OAuthClient;
import dev.tollgate.core.oauth.Person;
import dev.tollgate.core.oauth.SigningKey;
import dev.tollgate.core.principal.Member;
import dev.tollgate.core.project.Project;
import dev.tollgate.core.project.ProjectPermissions;
import dev.tollgate.core.user.User;
import dev.tollgate.protocol.ClientAuth;
import dev.tollgate.protocol.FormBody;
import dev.tollgate.protocol.OAuthError;
import dev.tollgate.protocol.OAuthException;
import dev.tollgate.protocol.Scopes;
import dev.tollgate.protocol.TokenRequest;
import dev.tollgate.protocol.TokenResponse;
import dev.tollgate.store.jdbc.Database;
import dev.tollgate.store.jdbc.JdbcAccessTokenRevocationRepository;
import dev.tollgate.store.jdbc.JdbcOAuthClientRepository;
import dev.tollgate.store.jdbc.JdbcProjectRepository;
import dev.tollgate.store.jdbc.JdbcUserRepository;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What happens as time passes: idle refresh tokens die, codes and device requests expire, signing keys rotate. */
class OAuthLifetimesTest {
    private static final String REDIRECT = "https://app.example.com/cb";
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-27T10:00:00Z"));
    @TempDir
    Path dir;
    private Database db;
    private OAuthWiring oauth;
    private OAuthClient web;
    private OAuthClient tv;
    private String webSecret;

    private void start(ServerConfig.OAuthSettings settings) {
        db = Database.open(Database.h2Url(dir), null, null);
        var projects = new JdbcProjectRepository(db);
        projects.insert(new Project("life-app", "123412341234", "Life", clock.instant()), Member.user("owner@example.com"));
        new JdbcUserRepository(db).insert(new User("u1", "person@example.com", "x", clock.instant()));
        var clients = new JdbcOAuthClientRepository(db);
        web = new OAuthClient("web-client", "life-app", ClientType.WEB, "Web", List.of(REDIRECT), List.of(), clock.instant());
        tv = new OAuthClient("tv-client", "life-app", ClientType.INSTALLED, "TV", List.of("http://127.0.0.1/cb"), List.of(), clock.instant());
        clients.insert(web);
        clients.insert(tv);
        var bus = new LocalInvalidationBus();
        var masterKey = dev.tollgate.core.secret.MasterKey.generate();
        var tokens = AccessTokens.wire(masterKey, new JdbcAccessTokenRevocationRepository(db), bus, Duration.ofHours(1), clock);
        oauth = OAuthWiring.wire(settings, db, masterKey, CatalogLoader.builtIn(), projects, new ProjectPermissions(projects), tokens,
                bus, new Issuer("https://tollgate.example"), clock);
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    /** A person allows the web client offline access; returns the code. */
    private String code(String scope) {
        var params = Map.of("client_id", web.clientId(), "redirect_uri", REDIRECT, "response_type", "code", "scope", scope,
                "access_type", "offline");
        var outcome = oauth.authorization().authorize(new FormBody(params.entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue())))),
                Optional.of(new Person("u1", "person@example.com", clock.instant())), Optional.of(true));
        String location = ((AuthorizationService.Outcome.Redirect) outcome).location();
        return location.replaceAll(".*[?&]code=([^&]+).*", "$1");
    }

    private TokenResponse redeemAsWeb(String code) throws OAuthException {
        return oauth.codeGrant().redeem(new TokenRequest.AuthorizationCode(webAuth(), code, REDIRECT, Optional.empty()));
    }

    private ClientAuth webAuth() {
        return new ClientAuth.SecretPost(web.clientId(), webSecret);
    }

    private void giveWebASecret() {
        webSecret = dev.tollgate.core.secret.Secrets.generate(dev.tollgate.core.secret.SecretKind.CLIENT_SECRET);
        new JdbcOAuthClientRepository(db).insertSecret(new dev.tollgate.core.oauth.ClientSecret("s1", web.clientId(),
                dev.tollgate.core.secret.Secrets.hash(webSecret), clock.instant()));
    }

    private TokenResponse refresh(String refreshToken) throws OAuthException {
        return oauth.refreshGrant().refresh(new TokenRequest.RefreshToken(webAuth(), refreshToken, Optional.empty()));
    }

    private static void assertOAuthError(ThrowingCall call, OAuthError error) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.error()).isEqualTo(error));
    }

    private interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void refreshTokenUnusedLongerThanTheIdleLimitDies() throws Exception {
        start(new ServerConfig.OAuthSettings(Duration.ofDays(10), 100, Duration.ofDays(30)));
        giveWebASecret();
        String refresh = redeemAsWeb(code("calendar")).refreshToken();
        clock.advance(Duration.ofDays(9));
        assertThat(refresh(refresh).accessToken()).startsWith("tga_");
        clock.advance(Duration.ofDays(9));
        assertThat(refresh(refresh).accessToken()).startsWith("tga_");
        clock.advance(Duration.ofDays(11));
        assertOAuthError(() -> refresh(refresh), OAuthError.INVALID_GRANT);
    }

    @Test
    void beyondTheLimitPerPersonAndClientTheOldestRefreshTokenGoes() throws Exception {
        start(new ServerConfig.OAuthSettings(Duration.ofDays(183), 2, Duration.ofDays(30)));
        giveWebASecret();
        String first = redeemAsWeb(code("calendar")).refreshToken();
        clock.advance(Duration.ofSeconds(1));
        String second = redeemAsWeb(code("calendar")).refreshToken();
        clock.advance(Duration.ofSeconds(1));
        String third = redeemAsWeb(code("calendar")).refreshToken();
        assertOAuthError(() -> refresh(first), OAuthError.INVALID_GRANT);
        assertThat(refresh(second).accessToken()).isNotBlank();
        assertThat(refresh(third).accessToken()).isNotBlank();
    }

    @Test
    void codeExpiresAfterTenMinutes() throws Exception {
        start(ServerConfig.OAuthSettings.DEFAULT);
        giveWebASecret();
        String code = code("calendar");
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        assertOAuthError(() -> redeemAsWeb(code), OAuthError.INVALID_GRANT);
    }

    @Test
    void deviceCodeNotDecidedInTimeExpires() throws Exception {
        start(ServerConfig.OAuthSettings.DEFAULT);
        var started = oauth.deviceFlow().start(new ClientAuth.None(tv.clientId()), Scopes.of("calendar"));
        String deviceCode = started.deviceCode();
        clock.advance(Duration.ofMinutes(31));
        assertOAuthError(() -> oauth.deviceFlow().poll(new TokenRequest.DeviceCode(new ClientAuth.None(tv.clientId()), deviceCode)),
                OAuthError.EXPIRED_TOKEN);
        assertThat(oauth.deviceFlow().pending(started.userCode())).isEmpty();
    }

    @Test
    void signingKeyRotatesAndTheOldOneStaysPublishedForTheGracePeriod() {
        start(new ServerConfig.OAuthSettings(Duration.ofDays(183), 100, Duration.ofDays(1)));
        SigningKey first = oauth.signingKeys().current();
        clock.advance(Duration.ofHours(23));
        assertThat(oauth.signingKeys().current().kid()).isEqualTo(first.kid());
        clock.advance(Duration.ofHours(2));
        SigningKey second = oauth.signingKeys().current();
        assertThat(second.kid()).isNotEqualTo(first.kid());
        clock.advance(Duration.ofMinutes(2));
        assertThat(oauth.signingKeys().published()).extracting(SigningKey::kid).containsExactly(second.kid(), first.kid());
        clock.advance(OAuthWiring.SIGNING_KEY_GRACE);
        assertThat(oauth.signingKeys().published()).extracting(SigningKey::kid).containsExactly(second.kid());
    }

    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) { this.now = now; }

        void advance(Duration d) { now = now.plus(d); }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }

        @Override public Clock withZone(ZoneId zone) { return this; }

        @Override public Instant instant() { return now; }
    }
}
