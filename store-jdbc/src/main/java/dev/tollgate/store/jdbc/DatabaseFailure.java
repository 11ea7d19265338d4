package dev.tollgate.store.jdbc;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Why a database could not be opened, read from the SQL error in a failure's causes, so that the
 * layers above can name the option to fix without knowing SQL.
 *
 * @param kind    what went wrong
 * @param message the database's own words
 */
public record DatabaseFailure(Kind kind, String message) {
    /** H2's "database may be already in use": its file is locked by another process. */
    private static final int H2_DATABASE_IN_USE = 90020;

    public enum Kind {
        /** The embedded database's file is held by another process. */
        FILE_IN_USE,
        /** The server refused the user or password (SQL state class 28). */
        CREDENTIALS_REFUSED,
        /** The server could not be reached (SQL state class 08). */
        UNREACHABLE,
        /** Anything else the database said. */
        OTHER
    }

    /** The database failure among {@code failure}'s causes, if there is one. */
    public static Optional<DatabaseFailure> of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                return Optional.of(new DatabaseFailure(kindOf(sql), sql.getMessage() == null ? "" : sql.getMessage()));
            }
        }
        return Optional.empty();
    }

    private static Kind kindOf(SQLException sql) {
        String state = sql.getSQLState() == null ? "" : sql.getSQLState();
        if (sql.getErrorCode() == H2_DATABASE_IN_USE) {
            return Kind.FILE_IN_USE;
        }
        if (state.startsWith("28")) {
            return Kind.CREDENTIALS_REFUSED;
        }
        return state.startsWith("08") ? Kind.UNREACHABLE : Kind.OTHER;
    }
}
