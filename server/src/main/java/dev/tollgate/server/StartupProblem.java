package dev.tollgate.server;

import dev.tollgate.core.catalog.CatalogException;
import dev.tollgate.core.metering.JournalException;
import dev.tollgate.core.secret.DataFolderException;
import dev.tollgate.core.secret.MasterKeyException;
import io.lettuce.core.RedisException;
import java.net.BindException;
import dev.tollgate.store.jdbc.DatabaseFailure;
import java.util.Optional;

/**
 * Why a node could not start, as one line for the operator that names the option (and environment
 * variable) to change; the exception that caused it stays attached for {@code --verbose}.
 *
 * <p>{@link #explain} is the one place that turns a start failure into such a line. It looks at the
 * types in the cause chain, never at message texts, because libraries reword their messages.
 */
public final class StartupProblem extends RuntimeException {
    static final String PORT = "--port / TOLLGATE_PORT, --host / TOLLGATE_HOST";
    static final String DATA = "--data / TOLLGATE_DATA";
    static final String DB_URL = "--db / TOLLGATE_DB_URL";
    static final String DB_CREDENTIALS = "--db-user, --db-password / TOLLGATE_DB_USER, TOLLGATE_DB_PASSWORD";
    static final String CATALOG = "--config / TOLLGATE_CONFIG";
    static final String MASTER_KEY = "--master-key-file / TOLLGATE_MASTER_KEY_FILE, TOLLGATE_MASTER_KEY";
    static final String REDIS = "--redis / TOLLGATE_REDIS_URL";
    static final String API_PORT = "--api-port / TOLLGATE_API_PORT, --host / TOLLGATE_HOST";

    private final String problem;
    private final String option;

    StartupProblem(String problem, String option, Throwable cause) {
        super(problem + (option.isEmpty() ? "" : " (" + option + ")"), cause);
        this.problem = problem;
        this.option = option;
    }

    /** What went wrong, without the option. */
    public String problem() { return problem; }

    /** The option(s) and environment variable(s) to change, like {@code --port / TOLLGATE_PORT}; empty when unknown. */
    public String option() { return option; }

    /** The line to print: {@code problem (option)}, on one line whatever the cause's message held. */
    public String line() { return oneLine(getMessage()); }

    /** The one mapping from what failed during a start to the operator's line. */
    static StartupProblem explain(Throwable failure, ServerConfig config) {
        if (failure instanceof StartupProblem known) {
            return known;
        }
        if (failure instanceof CatalogException || failure instanceof ReservedApiName) {
            return new StartupProblem(failure.getMessage(), CATALOG, failure);
        }
        if (failure instanceof DataFolderException || failure instanceof JournalException) {
            return new StartupProblem(failure.getMessage(), DATA, failure);
        }
        if (failure instanceof MasterKeyException) {
            return new StartupProblem(failure.getMessage(), MASTER_KEY, failure);
        }
        Optional<BindException> bind = find(failure, BindException.class);
        if (bind.isPresent()) {
            return new StartupProblem("cannot listen on " + config.host() + ":" + config.port() + ": "
                    + lowerFirst(bind.get().getMessage()), PORT, failure);
        }
        Optional<RedisException> redis = find(failure, RedisException.class);
        if (redis.isPresent()) {
            return new StartupProblem("cannot reach Redis at " + config.redisUrl().map(StartupProblem::withoutSecrets).orElse("?")
                    + ": " + lowerFirst(deepestMessage(redis.get())), REDIS, failure);
        }
        Optional<DatabaseFailure> database = DatabaseFailure.of(failure);
        if (database.isPresent()) {
            return database(database.get(), config, failure);
        }
        return new StartupProblem("could not start: " + deepestMessage(failure) + " (--verbose shows where)", "", failure);
    }

    private static StartupProblem database(DatabaseFailure sql, ServerConfig config, Throwable failure) {
        String where = config.dbUrl().map(StartupProblem::withoutSecrets).orElse("the embedded database in " + config.dataDir());
        if (config.dbUrl().isEmpty() && sql.kind() == DatabaseFailure.Kind.FILE_IN_USE) {
            return new StartupProblem(where + " is in use by another process (another Tollgate on the same data folder?)", DATA, failure);
        }
        return switch (sql.kind()) {
            case CREDENTIALS_REFUSED -> new StartupProblem("the database refused the user "
                    + config.dbUser().map(u -> "'" + u + "'").orElse("(none given)") + ": " + lowerFirst(sql.message()), DB_CREDENTIALS, failure);
            case UNREACHABLE -> new StartupProblem("cannot reach the database " + where + ": " + lowerFirst(sql.message()), DB_URL, failure);
            default -> new StartupProblem("cannot open the database " + where + ": " + lowerFirst(sql.message()),
                    config.dbUrl().isPresent() ? DB_URL : DATA, failure);
        };
    }

    /** A URL without user information and query parameters, which may hold a password. */
    static String withoutSecrets(String url) {
        String s = url.replaceFirst("//[^/@]*@", "//");
        int cut = s.length();
        for (char c : new char[] {'?', ';'}) {
            int i = s.indexOf(c);
            if (i >= 0) {
                cut = Math.min(cut, i);
            }
        }
        return s.substring(0, cut);
    }

    private static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }

    static String deepestMessage(Throwable failure) {
        String message = failure.toString();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return message;
    }

    static String lowerFirst(String s) {
        if (s == null || s.isEmpty()) {
            return "no reason given";
        }
        return s.length() > 1 && Character.isUpperCase(s.charAt(0)) && Character.isLowerCase(s.charAt(1))
                ? Character.toLowerCase(s.charAt(0)) + s.substring(1) : s;
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    /** A catalog API named like one of Tollgate's own endpoints. */
    static final class ReservedApiName extends IllegalArgumentException {
        ReservedApiName(String message) {
            super(message);
        }
    }
}
