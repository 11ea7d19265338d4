package dev.tollgate.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tollgate.store.jdbc.TestDatabases.Kind;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the repository tests. Each test is an {@link OnEachDatabase} test: it runs once on H2 and
 * once on PostgreSQL, and starts by calling {@link #open} for a fresh, migrated database of its
 * kind, which is closed (and on PostgreSQL dropped) after the test. The PostgreSQL run is skipped
 * when no server is reachable, except under CI=true where {@link TestDatabases#postgresAvailable()}
 * fails it.
 */
abstract class RepositoryTest {
    @TempDir
    Path tempDir;

    private Kind kind;
    private String url;
    private Database db;

    /** Opens a fresh database of {@code kind}, skipping the test if that kind is not available here. */
    final void open(Kind kind) {
        if (kind == Kind.POSTGRES) {
            assumeTrue(TestDatabases.postgresAvailable(), "PostgreSQL is not reachable at " + TestDatabases.PG_HOST);
        }
        this.kind = kind;
        url = kind == Kind.H2 ? Database.h2Url(tempDir) : TestDatabases.newPostgresDatabase();
        db = connect();
    }

    @AfterEach
    final void closeAndDropDatabase() throws SQLException {
        if (db != null) {
            db.close();
        }
        if (kind == Kind.POSTGRES && url != null) {
            String name = url.substring(url.lastIndexOf('/') + 1);
            try (var c = DriverManager.getConnection("jdbc:postgresql://" + TestDatabases.PG_HOST + "/postgres",
                    TestDatabases.PG_USER, TestDatabases.PG_PASSWORD); var s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
    }

    /** Continues with {@code replacement} (the same database, reopened) instead of the current connection pool. */
    final void replaceDatabase(Database replacement) {
        db = replacement;
    }

    /** Closes the database and opens the same one again, running the migrations a second time. */
    final void reopen() {
        db.close();
        db = connect();
    }

    private Database connect() {
        String user = kind == Kind.POSTGRES ? TestDatabases.PG_USER : null;
        String password = kind == Kind.POSTGRES ? TestDatabases.PG_PASSWORD : null;
        Database opened = Database.open(url, user, password);
        assertThat(opened.isPostgres()).as("database behind %s", kind).isEqualTo(kind == Kind.POSTGRES);
        return opened;
    }

    final Database db() { return db; }

    final JdbcProjectRepository projects() { return new JdbcProjectRepository(db); }

    final JdbcApiKeyRepository apiKeys() { return new JdbcApiKeyRepository(db); }

    final JdbcServiceAccountRepository serviceAccounts() { return new JdbcServiceAccountRepository(db); }

    final JdbcUserRepository users() { return new JdbcUserRepository(db); }

    final JdbcSampleRepository samples() { return new JdbcSampleRepository(db); }
}
