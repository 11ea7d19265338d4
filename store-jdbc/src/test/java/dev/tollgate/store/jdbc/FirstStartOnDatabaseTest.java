package dev.tollgate.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.Issuer;
import dev.tollgate.core.bootstrap.CliClient;
import dev.tollgate.core.bootstrap.FirstStart;
import dev.tollgate.core.cache.LocalInvalidationBus;
import dev.tollgate.core.oauth.ClientType;
import dev.tollgate.core.oauth.OAuthClient;
import dev.tollgate.core.principal.Member;
import dev.tollgate.core.project.ProjectPermissions;
import dev.tollgate.core.serviceaccount.ServiceAccountService;
import dev.tollgate.core.token.RevokedAccessTokens;
import dev.tollgate.store.jdbc.TestDatabases.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

class FirstStartOnDatabaseTest extends RepositoryTest {

    private FirstStart firstStart() {
        var projects = projects();
        var serviceAccounts = new ServiceAccountService(serviceAccounts(), new ProjectPermissions(projects), new LocalInvalidationBus(),
                new RevokedAccessTokens(new JdbcAccessTokenRevocationRepository(db()), new LocalInvalidationBus(), Clock.systemUTC(),
                        Duration.ofHours(1)), new Issuer("https://tollgate.example"), Clock.systemUTC());
        return new FirstStart(projects, serviceAccounts, users(), new JdbcVerifiedAddressRepository(db()), new JdbcOAuthClientRepository(db()),
                Clock.systemUTC());
    }

    private Map<String, Object> state(Path data) throws Exception {
        var state = new TreeMap<String, Object>();
        for (String table : new String[] {"projects", "project_members", "platform_admins", "service_accounts", "service_account_keys", "users",
                "oauth_clients", "oauth_client_secrets"}) {
            state.put(table, db().jdbi().withHandle(h -> h.createQuery("SELECT * FROM " + table).mapToMap().list()).toString());
        }
        try (var files = Files.list(data)) {
            for (Path f : files.toList()) {
                state.put(f.getFileName().toString(), Files.readString(f) + Files.getLastModifiedTime(f));
            }
        }
        return state;
    }

    @OnEachDatabase
    void theFirstRunCreatesTheAdministratorsAndEveryLaterRunChangesNothing(Kind kind) throws Exception {
        open(kind);
        Path data = Files.createDirectory(tempDir.resolve("data"));
        FirstStart.Outcome first = firstStart().run(data, Optional.empty());
        assertThat(first.changedAnything()).isTrue();
        assertThat(first.generatedPassword()).isPresent();
        assertThat(Files.readString(data.resolve("admin-password")).strip()).isEqualTo(first.generatedPassword().get());
        for (String file : new String[] {"admin-password", "admin-service-account.json"}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(file)))).isEqualTo("rw-------");
        }
        assertThat(projects().isPlatformAdmin(Member.user("admin@localhost"))).isTrue();
        assertThat(projects().isPlatformAdmin(Member.serviceAccount("admin@tollgate.iam"))).isTrue();
        assertThat(first.cliClientCreated()).isTrue();
        assertThat(new JdbcOAuthClientRepository(db()).find(CliClient.CLIENT_ID)).get()
                .satisfies(c -> assertThat(c.projectId()).isEqualTo("tollgate"))
                .satisfies(c -> assertThat(c.type()).isEqualTo(ClientType.INSTALLED));
        Map<String, Object> after = state(data);

        for (int run = 0; run < 2; run++) {
            FirstStart.Outcome again = firstStart().run(data, Optional.of("another password"));
            assertThat(again.changedAnything()).isFalse();
            assertThat(again.generatedPassword()).isEmpty();
            assertThat(state(data)).isEqualTo(after);
        }
    }

    @OnEachDatabase
    void anInstallationFromBeforeTheCliClientGetsItAtItsNextStart(Kind kind) throws Exception {
        open(kind);
        Path data = Files.createDirectory(tempDir.resolve("data"));
        firstStart().run(data, Optional.empty());
        var clients = new JdbcOAuthClientRepository(db());
        clients.delete(CliClient.CLIENT_ID);

        FirstStart.Outcome upgraded = firstStart().run(data, Optional.empty());

        assertThat(upgraded.cliClientCreated()).isTrue();
        assertThat(upgraded.generatedPassword()).isEmpty();
        assertThat(clients.list("tollgate")).extracting(OAuthClient::clientId).containsExactly(CliClient.CLIENT_ID);
    }

    @OnEachDatabase
    void nodesStartingTogetherOnOneDatabaseCreateOneCliClient(Kind kind) throws Exception {
        open(kind);
        Path data = Files.createDirectory(tempDir.resolve("data"));
        firstStart().run(data, Optional.empty());
        new JdbcOAuthClientRepository(db()).delete(CliClient.CLIENT_ID);

        int nodes = 4;
        var ready = new CountDownLatch(nodes);
        var pool = Executors.newFixedThreadPool(nodes);
        try {
            var runs = new ArrayList<Future<FirstStart.Outcome>>();
            for (int i = 0; i < nodes; i++) {
                runs.add(pool.submit(() -> {
                    ready.countDown();
                    ready.await();
                    return firstStart().run(data, Optional.empty());
                }));
            }
            int created = 0;
            for (Future<FirstStart.Outcome> run : runs) {
                created += run.get(30, TimeUnit.SECONDS).cliClientCreated() ? 1 : 0;
            }
            assertThat(created).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(new JdbcOAuthClientRepository(db()).list("tollgate")).extracting(OAuthClient::clientId).containsExactly(CliClient.CLIENT_ID);
    }

    @OnEachDatabase
    void aGivenPasswordIsUsedAndNotPrinted(Kind kind) throws Exception {
        open(kind);
        Path data = Files.createDirectory(tempDir.resolve("data"));
        FirstStart.Outcome first = firstStart().run(data, Optional.of("given password 123"));
        assertThat(first.generatedPassword()).isEmpty();
        assertThat(Files.readString(data.resolve("admin-password"))).isEqualTo("given password 123\n");
        assertThat(users().findByEmail("admin@localhost")).isPresent();
    }
}
