package dev.tollgate.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tollgate.core.metering.CredentialKind;
import dev.tollgate.core.metering.GroupBy;
import dev.tollgate.core.metering.JournalPosition;
import dev.tollgate.core.metering.LatencyHistogram;
import dev.tollgate.core.metering.LedgerBatch;
import dev.tollgate.core.metering.LedgerSettings;
import dev.tollgate.core.metering.MethodCalls;
import dev.tollgate.core.metering.UsageCredential;
import dev.tollgate.core.metering.UsageKey;
import dev.tollgate.core.metering.UsageLedger;
import dev.tollgate.core.metering.UsageRow;
import dev.tollgate.core.metering.UsageTotals;
import dev.tollgate.store.jdbc.TestDatabases.Kind;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** V13 keeps every call counted before the ledger kept credentials and latencies, as unrecorded. */
class UsageByCredentialMigrationTest {
    private static final Instant MINUTE = Instant.parse("2026-03-10T12:00:00Z");
    private static final Instant DAY = Instant.parse("2026-03-10T00:00:00Z");

    @TempDir
    Path tempDir;

    private Kind kind;
    private String url;

    @OnEachDatabase
    void rowsFromBeforeKeepTheirCountsAsUnrecordedAndNewRowsAddUpWithThem(Kind kind) throws SQLException {
        String url = databaseAtVersion12(kind);
        try (Connection c = connection(url)) {
            exec(c, "INSERT INTO usage_minutes VALUES ('my-project', 'posts', 'posts.get', 200, " + MINUTE.toEpochMilli() + ", 5, 50, 500, 5000)");
            exec(c, "INSERT INTO usage_days VALUES ('my-project', 'posts', 'posts.get', 200, " + DAY.toEpochMilli() + ", 5, 50, 500, 5000)");
            exec(c, "INSERT INTO usage_days VALUES ('my-project', 'posts', 'posts.list', 429, " + DAY.toEpochMilli() + ", 2, 0, 0, 0)");
        }

        try (Database db = Database.open(url, user(), password())) {
            var repository = new JdbcLedgerRepository(db);
            var key = UsageCredential.of(CredentialKind.KEY, "key-1");
            var latency = LatencyHistogram.of(700).plus(LatencyHistogram.of(700));
            repository.apply(new LedgerBatch("node-a", Optional.empty(), new JournalPosition(1, 10),
                    Map.of(new UsageKey("my-project", "posts", "posts.get", 200, key, MINUTE), new UsageTotals(2, 0, 0, 1400, latency)),
                    Map.of(new UsageKey("my-project", "posts", "posts.get", 200, key, DAY), new UsageTotals(2, 0, 0, 1400, latency)),
                    MINUTE));

            assertThat(repository.minuteUsage("my-project", MINUTE, MINUTE.plusSeconds(60), EnumSet.of(GroupBy.CREDENTIAL)))
                    .extracting(r -> r.credential().orElseThrow(), UsageRow::calls, UsageRow::latency).containsExactlyInAnyOrder(
                            tuple(UsageCredential.UNRECORDED, 5L, LatencyHistogram.EMPTY), tuple(key, 2L, latency));
            assertThat(repository.dayUsage("my-project", DAY, DAY.plusSeconds(86_400), EnumSet.noneOf(GroupBy.class)))
                    .extracting(r -> r.totals().calls(), r -> r.totals().latencyMicros(), r -> r.totals().bytesOut())
                    .containsExactly(tuple(9L, 6400L, 500L));
            // In June, March is answered from its days: the rows a bill of March is made of.
            var ledger = new UsageLedger(repository, LedgerSettings.DEFAULT, Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC));
            assertThat(ledger.monthlyCalls("my-project", YearMonth.of(2026, 3), ZoneOffset.UTC)).containsExactly(
                    new MethodCalls("posts", "posts.get", 200, 7), new MethodCalls("posts", "posts.list", 429, 2));
        }
    }

    private String databaseAtVersion12(Kind kind) {
        if (kind == Kind.POSTGRES) {
            assumeTrue(TestDatabases.postgresAvailable(), "PostgreSQL is not reachable at " + TestDatabases.PG_HOST);
        }
        this.kind = kind;
        url = kind == Kind.H2 ? Database.h2Url(tempDir) : TestDatabases.newPostgresDatabase();
        Flyway.configure().dataSource(url, user(), password()).locations("classpath:db/migration").target("12").load().migrate();
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
