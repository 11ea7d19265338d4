package dev.tollgate.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tollgate.core.principal.Member;
import dev.tollgate.core.principal.PrincipalName;
import dev.tollgate.core.samples.Post;
import dev.tollgate.store.jdbc.TestDatabases.Kind;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** V10 migrates rows written before principal kinds and tombstones existed, by what they are. */
class PrincipalKindMigrationTest {
    @TempDir
    Path tempDir;

    private Kind kind;
    private String url;

    @OnEachDatabase
    void existingRowsGetTheirKindDanglingOrMisdirectedRolesGoAndDeletedProjectsOfTheLedgerStayReserved(Kind kind) throws SQLException {
        String url = databaseAtVersion6(kind);
        try (Connection c = connection(url)) {
            exec(c, "INSERT INTO projects VALUES ('live-project', '111111111111', 'Live', 0)");
            exec(c, "INSERT INTO service_accounts VALUES ('bot-one@live-project.iam', '1', 'live-project', 'Bot', FALSE, 0)");
            exec(c, "INSERT INTO users VALUES ('9', 'alice@example.com', 'hash', 0)");
            exec(c, "INSERT INTO sample_posts VALUES ('p1', 'bot-one@live-project.iam', 'by the bot', 'PRIVATE', 0)");
            exec(c, "INSERT INTO sample_posts VALUES ('p2', 'alice@example.com', 'by alice', 'PRIVATE', 0)");
            exec(c, "INSERT INTO sample_posts VALUES ('p3', 'gone-bot@gone-project.iam', 'by a deleted bot', 'PUBLIC', 0)");
            exec(c, "INSERT INTO sample_events (id, owner, summary, start_time, end_time, start_epoch_ms) "
                    + "VALUES ('e1', 'bot-one@live-project.iam', 'x', '2026-01-01T00:00Z', '2026-01-01T01:00Z', 0)");
            exec(c, "INSERT INTO project_members VALUES ('live-project', 'serviceAccount:gone-bot@gone-project.iam', 'OWNER')");
            exec(c, "INSERT INTO project_members VALUES ('live-project', 'serviceAccount:bot-one@live-project.iam', 'EDITOR')");
            exec(c, "INSERT INTO project_members VALUES ('live-project', 'user:alice@example.com', 'OWNER')");
            exec(c, "INSERT INTO platform_admins VALUES ('serviceAccount:gone-bot@gone-project.iam')");
            exec(c, "INSERT INTO project_members VALUES ('live-project', 'user:bot-one@live-project.iam', 'OWNER')");
            exec(c, "INSERT INTO platform_admins VALUES ('user:impostor@tollgate.iam')");
            exec(c, "INSERT INTO usage_days VALUES ('gone-project', 'posts', 'posts.list', 200, 0, 5, 0, 0, 0)");
            exec(c, "INSERT INTO usage_minutes VALUES ('gone-project', 'posts', 'posts.list', 200, 0, 5, 0, 0, 0)");
            exec(c, "INSERT INTO usage_days VALUES ('live-project', 'posts', 'posts.list', 200, 0, 5, 0, 0, 0)");
        }

        try (Database db = Database.open(url, user(), password())) {
            var samples = new JdbcSampleRepository(db);
            var projects = new JdbcProjectRepository(db);
            assertThat(samples.postsBy(PrincipalName.serviceAccount("bot-one@live-project.iam"), true)).extracting(Post::id).containsExactly("p1");
            assertThat(samples.postsBy(PrincipalName.person("bot-one@live-project.iam"), true)).isEmpty();
            assertThat(samples.postsBy(PrincipalName.person("alice@example.com"), true)).extracting(Post::id).containsExactly("p2");
            assertThat(samples.postsBy(PrincipalName.serviceAccount("gone-bot@gone-project.iam"), false)).extracting(Post::id).containsExactly("p3");
            assertThat(samples.eventsOf(PrincipalName.serviceAccount("bot-one@live-project.iam"))).hasSize(1);

            assertThat(projects.members("live-project")).extracting(m -> m.member().toString())
                    .containsExactlyInAnyOrder("serviceAccount:bot-one@live-project.iam", "user:alice@example.com");
            assertThat(projects.isPlatformAdmin(Member.serviceAccount("gone-bot@gone-project.iam"))).isFalse();
            assertThat(projects.isPlatformAdmin(Member.user("impostor@tollgate.iam"))).isFalse();
            assertThat(projects.wasDeleted("gone-project")).isTrue();
            assertThat(projects.wasDeleted("live-project")).isFalse();
        }
    }

    private String databaseAtVersion6(Kind kind) {
        if (kind == Kind.POSTGRES) {
            assumeTrue(TestDatabases.postgresAvailable(), "PostgreSQL is not reachable at " + TestDatabases.PG_HOST);
        }
        this.kind = kind;
        url = kind == Kind.H2 ? Database.h2Url(tempDir) : TestDatabases.newPostgresDatabase();
        Flyway.configure().dataSource(url, user(), password()).locations("classpath:db/migration").target("6").load().migrate();
        return url;
    }

    private String user() { return kind == Kind.POSTGRES ? TestDatabases.PG_USER : null; }

    private String password() { return kind == Kind.POSTGRES ? TestDatabases.PG_PASSWORD : null; }

    private Connection connection(String url) throws SQLException {
        return kind == Kind.POSTGRES ? DriverManager.getConnection(url, user(), password()) : DriverManager.getConnection(url);
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (var s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @AfterEach
    void dropPostgresDatabase() throws SQLException {
        if (kind == Kind.POSTGRES && url != null) {
            String name = url.substring(url.lastIndexOf('/') + 1);
            try (var c = DriverManager.getConnection("jdbc:postgresql://" + TestDatabases.PG_HOST + "/postgres",
                    TestDatabases.PG_USER, TestDatabases.PG_PASSWORD); var s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
    }
}
