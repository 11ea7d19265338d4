package dev.tollgate.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tollgate.store.jdbc.TestDatabases.Kind;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Base of the repository tests: every test of a subclass runs once on H2 and once on PostgreSQL,
 * each time against a fresh, migrated database. The PostgreSQL run is skipped when no server is
 * reachable, except under CI=true where {@link TestDatabases#postgresAvailable()} fails it.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Kind.class)
abstract class RepositoryTest {
    @Parameter
    Kind kind;

    @TempDir
    Path tempDir;

    private String url;
    private Database db;

    @BeforeEach
    final void openDatabase() {
        if (kind == Kind.POSTGRES) {
            assumeTrue(TestDatabases.postgresAvailable(), "PostgreSQL is not reachable at " + TestDatabases.PG_HOST);
        }
        url = kind == Kind.H2 ? Database.h2Url(tempDir) : TestDatabases.newPostgresDatabase();
        db = open();
    }

    @AfterEach
    final void dropDatabase() throws SQLException {
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

    /** Closes the database and opens the same one again, running the migrations a second time. */
    final void reopen() {
        db.close();
        db = open();
    }

    private Database open() {
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

    final JdbcAccessTokenRepository tokens() { return new JdbcAccessTokenRepository(db); }

    final JdbcUserRepository users() { return new JdbcUserRepository(db); }

    final JdbcSampleRepository samples() { return new JdbcSampleRepository(db); }
}
