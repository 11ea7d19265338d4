package dev.tollgate.store.jdbc;

import static dev.tollgate.store.jdbc.Samples.ALICE;
import static dev.tollgate.store.jdbc.Samples.at;
import static dev.tollgate.store.jdbc.Samples.project;
import static dev.tollgate.store.jdbc.Samples.serviceAccount;
import static dev.tollgate.store.jdbc.Samples.serviceAccountToken;
import static dev.tollgate.store.jdbc.Samples.userToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.core.secret.Secrets;
import dev.tollgate.core.store.DuplicateException;
import dev.tollgate.core.token.AccessToken;
import dev.tollgate.protocol.Scopes;
import dev.tollgate.store.jdbc.TestDatabases.Kind;

class JdbcAccessTokenRepositoryTest extends RepositoryTest {

    private void openWithAProject(Kind kind) {
        open(kind);
        projects().insert(project("project-a"), ALICE);
    }

    @OnEachDatabase
    void userTokenRoundTripsEveryField(Kind kind) {
        openWithAProject(kind);
        var token = new AccessToken(Secrets.hash("token-1"), AccessToken.SubjectKind.USER, "0123456789abcdef0123456789abcdef",
                "alice@example.com", "client-1.apps.example.com", "project-a",
                Scopes.of("openid", "email", "https://www.googleapis.com/auth/calendar.readonly"), at(0), at(3600), false);
        tokens().insert(token);

        assertThat(tokens().findByHash(token.tokenHash())).contains(token);
    }

    @OnEachDatabase
    void serviceAccountTokenRoundTripsEveryField(Kind kind) {
        openWithAProject(kind);
        var account = serviceAccount("project-a", "robot-1");
        serviceAccounts().insert(account);
        var revoked = new AccessToken(Secrets.hash("token-2"), AccessToken.SubjectKind.SERVICE_ACCOUNT, account.uniqueId(),
                account.email(), account.uniqueId(), "project-a", Scopes.of("https://www.googleapis.com/auth/cloud-platform"),
                at(1), at(1801), true);
        tokens().insert(revoked);

        assertThat(tokens().findByHash(revoked.tokenHash())).contains(revoked);
    }

    @OnEachDatabase
    void tokenWithoutScopesRoundTrips(Kind kind) {
        openWithAProject(kind);
        var token = new AccessToken(Secrets.hash("token-3"), AccessToken.SubjectKind.USER, "user-1", "alice@example.com",
                "client-1", "project-a", Scopes.EMPTY, at(0), at(60), false);
        tokens().insert(token);

        assertThat(tokens().findByHash(token.tokenHash())).contains(token);
    }

    @OnEachDatabase
    void findOfAnUnknownTokenIsEmpty(Kind kind) {
        openWithAProject(kind);
        assertThat(tokens().findByHash(Secrets.hash("never issued"))).isEmpty();
    }

    @OnEachDatabase
    void duplicateTokenHashIsRefused(Kind kind) {
        openWithAProject(kind);
        var token = userToken("project-a", "user-1");
        tokens().insert(token);
        var sameHash = new AccessToken(token.tokenHash(), AccessToken.SubjectKind.USER, "user-2", "bob@example.com",
                "client-2", "project-a", Scopes.EMPTY, at(9), at(99), false);

        assertThatThrownBy(() -> tokens().insert(sameHash)).isInstanceOf(DuplicateException.class);
        assertThat(tokens().findByHash(token.tokenHash())).contains(token);
    }

    @OnEachDatabase
    void revokeMarksOnlyThatTokenRevoked(Kind kind) {
        openWithAProject(kind);
        var token = userToken("project-a", "user-1");
        var sibling = userToken("project-a", "user-1");
        tokens().insert(token);
        tokens().insert(sibling);

        assertThat(tokens().revoke(token.tokenHash())).isTrue();

        assertThat(tokens().findByHash(token.tokenHash())).map(AccessToken::revoked).contains(true);
        assertThat(tokens().findByHash(sibling.tokenHash())).contains(sibling);
    }

    @OnEachDatabase
    void revokeOfAnUnknownTokenReturnsFalse(Kind kind) {
        openWithAProject(kind);
        assertThat(tokens().revoke(Secrets.hash("never issued"))).isFalse();
    }

    @OnEachDatabase
    void revokeAllOfRevokesEveryTokenOfTheSubjectAndCountsThoseNewlyRevoked(Kind kind) {
        openWithAProject(kind);
        var account = serviceAccount("project-a", "robot-1");
        var first = serviceAccountToken(account);
        var second = serviceAccountToken(account);
        var alreadyRevoked = serviceAccountToken(account);
        var someoneElses = userToken("project-a", "user-1");
        for (var t : new AccessToken[] {first, second, alreadyRevoked, someoneElses}) {
            tokens().insert(t);
        }
        tokens().revoke(alreadyRevoked.tokenHash());

        assertThat(tokens().revokeAllOf(account.uniqueId())).isEqualTo(2);

        for (var t : new AccessToken[] {first, second, alreadyRevoked}) {
            assertThat(tokens().findByHash(t.tokenHash())).map(AccessToken::revoked).contains(true);
        }
        assertThat(tokens().findByHash(someoneElses.tokenHash())).contains(someoneElses);
        assertThat(tokens().revokeAllOf(account.uniqueId())).isZero();
    }

    @OnEachDatabase
    void revokeAllOfASubjectWithoutTokensRevokesNothing(Kind kind) {
        openWithAProject(kind);
        var token = userToken("project-a", "user-1");
        tokens().insert(token);

        assertThat(tokens().revokeAllOf("user-2")).isZero();
        assertThat(tokens().findByHash(token.tokenHash())).contains(token);
    }

    @OnEachDatabase
    void tokensMintedAtTheSameTimeAreAllStoredAndADuplicateFailsOnlyItsOwnCaller(Kind kind) throws Exception {
        openWithAProject(kind);
        var first = userToken("project-a", "user-1");
        tokens().insert(first);
        var minted = new java.util.ArrayList<AccessToken>();
        for (int i = 0; i < 64; i++) {
            minted.add(userToken("project-a", "user-" + i));
        }
        var sameHashAsFirst = new AccessToken(first.tokenHash(), AccessToken.SubjectKind.USER, "user-x", "x@example.com",
                "client-1", "project-a", Scopes.EMPTY, at(0), at(60), false);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            var stored = new java.util.ArrayList<java.util.concurrent.Future<?>>();
            minted.forEach(t -> stored.add(pool.submit(() -> tokens().insert(t))));
            var duplicate = pool.submit(() -> tokens().insert(sameHashAsFirst));
            for (var f : stored) {
                f.get();
            }
            assertThatThrownBy(duplicate::get).hasCauseInstanceOf(DuplicateException.class);
        } finally {
            pool.shutdownNow();
        }
        for (AccessToken t : minted) {
            assertThat(tokens().findByHash(t.tokenHash())).contains(t);
        }
        assertThat(tokens().findByHash(first.tokenHash())).contains(first);
    }
}
