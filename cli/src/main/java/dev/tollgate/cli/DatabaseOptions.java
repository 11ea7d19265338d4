package dev.tollgate.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/** Which database a command works on; the same options (and environment variables) for every command. */
final class DatabaseOptions {

    @Option(names = "--db", defaultValue = "${env:TOLLGATE_DB_URL}", description = "JDBC URL (TOLLGATE_DB_URL; default: embedded H2 under --data).")
    String db;

    @Option(names = "--db-user", defaultValue = "${env:TOLLGATE_DB_USER}", description = "Database user (TOLLGATE_DB_USER).")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "${env:TOLLGATE_DB_PASSWORD}", description = "Database password (TOLLGATE_DB_PASSWORD).")
    String dbPassword;

    Optional<String> url() { return blankToEmpty(db); }

    Optional<String> user() { return blankToEmpty(dbUser); }

    Optional<String> password() { return blankToEmpty(dbPassword); }

    static Optional<String> blankToEmpty(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
    }
}
