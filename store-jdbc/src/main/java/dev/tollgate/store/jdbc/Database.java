package dev.tollgate.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tollgate.core.store.DuplicateException;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** A migrated database: H2 embedded by default, PostgreSQL in production. */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
    }

    /** Opens the database at {@code jdbcUrl} and applies the schema migrations it lacks. */
    public static Database open(String jdbcUrl, String user, String password) {
        var config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(jdbcUrl.startsWith("jdbc:h2:") ? 8 : 16);
        config.setPoolName("tollgate");
        config.setInitializationFailTimeout(10_000);
        var dataSource = new HikariDataSource(config);
        try {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Database(dataSource);
    }

    /**
     * The embedded default: an H2 file database in {@code directory}. {@code WRITE_DELAY=0}: H2 otherwise
     * writes committed transactions up to 500 ms later, and a node killed in between loses them (a
     * project created, then gone after a restart).
     */
    public static String h2Url(java.nio.file.Path directory) {
        return "jdbc:h2:file:" + directory.toAbsolutePath().resolve("tollgate") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    }

    public Jdbi jdbi() { return jdbi; }

    public boolean isPostgres() {
        return dataSource.getJdbcUrl().startsWith("jdbc:postgresql:");
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /**
     * Rewrites the stored data so that old versions of updated rows (plaintext a migration just
     * sealed) are gone from the files, not only unreachable: on H2 a {@code SHUTDOWN COMPACT},
     * after which this database is closed and the reopened one is returned; on PostgreSQL a
     * {@code VACUUM FULL} of {@code table}, which needs its owner (else the old versions stay until
     * autovacuum reuses their space, and the returned text says so).
     */
    public Rewritten rewriteToDropOldRowVersions(String table) {
        if (!table.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not a table name: " + table);
        }
        if (isPostgres()) {
            try {
                jdbi.useHandle(h -> h.execute("VACUUM FULL " + table));
                return new Rewritten(this, Optional.empty());
            } catch (RuntimeException e) {
                return new Rewritten(this, Optional.of("VACUUM FULL " + table + " failed (" + e.getMessage().lines().findFirst().orElse("")
                        + "); run it as the table's owner to remove the old plaintext rows from disk"));
            }
        }
        String url = dataSource.getJdbcUrl();
        String user = dataSource.getUsername();
        String password = dataSource.getPassword();
        java.sql.Connection connection = null;
        try {
            connection = dataSource.getConnection();
            try (var statement = connection.createStatement()) {
                statement.execute("SHUTDOWN COMPACT");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not compact the embedded database: " + e.getMessage(), e);
        } finally {
            closeQuietly(connection);
        }
        dataSource.close();
        return new Rewritten(open(url, user, password), Optional.empty());
    }

    /** A connection to a database that was just shut down fails to close cleanly; there is nothing left to close. */
    private static void closeQuietly(java.sql.Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the database behind it is gone
            }
        }
    }

    /** @param warning what could not be done, for the log */
    public record Rewritten(Database database, Optional<String> warning) {}

    /**
     * Runs a write whose unique-constraint violation means another request did the same first.
     *
     * @return false when the write met a duplicate
     */
    static boolean ignoringDuplicate(Runnable write) {
        try {
            write.run();
            return true;
        } catch (UnableToExecuteStatementException e) {
            if (isDuplicate(e)) {
                return false;
            }
            throw e;
        }
    }

    private static boolean isDuplicate(UnableToExecuteStatementException e) {
        return e.getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState());
    }

    /**
     * Updates a row, or inserts it when there is none; if another request inserted it meanwhile,
     * updates it again. Portable across H2 and PostgreSQL, unlike MERGE and ON CONFLICT.
     */
    static void upsert(Jdbi jdbi, String what, java.util.function.ToIntFunction<org.jdbi.v3.core.Handle> update,
                       java.util.function.Consumer<org.jdbi.v3.core.Handle> insert) {
        for (int attempt = 0; attempt < 3; attempt++) {
            boolean done = ignoringDuplicate(() -> jdbi.useHandle(h -> {
                if (update.applyAsInt(h) == 0) {
                    insert.accept(h);
                }
            }));
            if (done) {
                return;
            }
        }
        throw new IllegalStateException("Could not store " + what);
    }

    /** Runs a write, turning a unique-constraint violation into {@link DuplicateException}. */
    static <T> T unique(String what, Supplier<T> write) {
        try {
            return write.get();
        } catch (UnableToExecuteStatementException e) {
            if (isDuplicate(e)) {
                throw new DuplicateException(what);
            }
            throw e;
        }
    }
}
