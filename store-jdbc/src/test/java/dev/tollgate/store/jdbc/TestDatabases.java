package dev.tollgate.store.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * Databases for tests: a fresh H2 file, or a fresh PostgreSQL database on the server named by
 * TOLLGATE_TEST_PG (default 127.0.0.1:5432, user postgres). Under CI=true a missing PostgreSQL
 * fails the test instead of skipping it.
 */
public final class TestDatabases {
    public enum Kind { H2, POSTGRES }

    public static final String PG_HOST = envOr("TOLLGATE_TEST_PG", "127.0.0.1:5432");
    public static final String PG_USER = envOr("TOLLGATE_TEST_PG_USER", "postgres");
    public static final String PG_PASSWORD = envOr("TOLLGATE_TEST_PG_PASSWORD", "");

    private TestDatabases() {}

    public static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Whether PostgreSQL tests can run here; throws under CI when they cannot, so CI never skips them silently. */
    public static boolean postgresAvailable() {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + PG_HOST + "/postgres", PG_USER, PG_PASSWORD)) {
            return c.isValid(2);
        } catch (SQLException e) {
            if (isCi()) {
                throw new IllegalStateException("CI=true but PostgreSQL is not reachable at " + PG_HOST + ": " + e.getMessage(), e);
            }
            return false;
        }
    }

    /** Creates an empty PostgreSQL database and returns its JDBC URL. */
    public static String newPostgresDatabase() {
        String name = "tollgate_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + PG_HOST + "/postgres", PG_USER, PG_PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a PostgreSQL test database", e);
        }
        return "jdbc:postgresql://" + PG_HOST + "/" + name;
    }

    public static Database open(Kind kind, Path tempDir) {
        return switch (kind) {
            case H2 -> Database.open(Database.h2Url(tempDir), null, null);
            case POSTGRES -> Database.open(newPostgresDatabase(), PG_USER, PG_PASSWORD);
        };
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
