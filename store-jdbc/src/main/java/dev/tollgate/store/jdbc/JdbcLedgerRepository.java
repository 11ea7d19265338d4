package dev.tollgate.store.jdbc;

import dev.tollgate.core.metering.CredentialKind;
import dev.tollgate.core.metering.GroupBy;
import dev.tollgate.core.metering.JournalPosition;
import dev.tollgate.core.metering.LatencyHistogram;
import dev.tollgate.core.metering.LedgerBatch;
import dev.tollgate.core.metering.LedgerRepository;
import dev.tollgate.core.metering.PositionConflictException;
import dev.tollgate.core.metering.UsageCredential;
import dev.tollgate.core.metering.UsageKey;
import dev.tollgate.core.metering.UsageRow;
import dev.tollgate.core.metering.UsageTotals;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The ledger on H2 or PostgreSQL. A batch's rows are added with one upsert statement per row on
 * PostgreSQL ({@code ON CONFLICT … DO UPDATE}, safe when several nodes add to the same row), and
 * with an update, then an insert of the rows that did not exist, on H2 (one node only). Rows are
 * written in key order so that two nodes' transactions cannot deadlock on each other; a
 * transaction that still meets a conflict or deadlock is run again from the start.
 *
 * <p>A row's key includes the credential, and its totals the count of each latency bucket (V13).
 * Queries sum every column of the rows they add up, buckets included, so the database hands back
 * each group's merged histogram and the percentiles are computed in core.
 */
public final class JdbcLedgerRepository implements LedgerRepository {
    private static final int ATTEMPTS = 5;
    private static final Set<String> RETRYABLE = Set.of("40001", "40P01", "23505", "90131", "HYT00");

    private record Table(String name, String startColumn) {
        /** A row's primary key, in the order of the table's primary key (V13). */
        List<String> key() {
            return List.of("project_id", startColumn, "api", "method", "status", "credential_kind", "credential_id");
        }
    }

    private static final Table MINUTES = new Table("usage_minutes", "minute_start_ms");
    private static final Table DAYS = new Table("usage_days", "day_start_ms");
    private static final int KEY_COLUMNS = MINUTES.key().size();
    /** The columns that batches add to and queries sum: calls, bytes, latency sum, then the latency buckets. */
    private static final List<String> TOTALS = totalsColumns();

    private final Jdbi jdbi;
    private final boolean postgres;

    private static List<String> totalsColumns() {
        List<String> columns = new ArrayList<>(List.of("calls", "bytes_in", "bytes_out", "latency_micros_sum"));
        for (int i = 0; i < LatencyHistogram.BUCKETS; i++) {
            columns.add(bucketColumn(i));
        }
        return List.copyOf(columns);
    }

    public JdbcLedgerRepository(Database db) {
        this.jdbi = db.jdbi();
        this.postgres = db.isPostgres();
    }

    @Override
    public Optional<JournalPosition> drainedPosition(String nodeId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT segment_no, segment_offset FROM journal_positions WHERE node_id = ?")
                .bind(0, nodeId).map((rs, ctx) -> new JournalPosition(rs.getLong("segment_no"), rs.getLong("segment_offset"))).findOne());
    }

    @Override
    public void apply(LedgerBatch batch) {
        for (int attempt = 1; ; attempt++) {
            try {
                jdbi.useTransaction(h -> {
                    movePosition(h, batch);
                    add(h, MINUTES, batch.minutes());
                    add(h, DAYS, batch.days());
                });
                return;
            } catch (JdbiException e) {
                if (attempt >= ATTEMPTS || !RETRYABLE.contains(sqlState(e))) {
                    throw e;
                }
            }
        }
    }

    /** First, so that a stale batch stops before it adds anything, and so that drains of one node queue here. */
    private static void movePosition(Handle h, LedgerBatch batch) {
        JournalPosition next = batch.next();
        long now = batch.drainedAt().toEpochMilli();
        if (batch.expected().isEmpty()) {
            boolean inserted = Database.ignoringDuplicate(() -> h.createUpdate(
                            "INSERT INTO journal_positions (node_id, segment_no, segment_offset, updated_ms) VALUES (?, ?, ?, ?)")
                    .bind(0, batch.nodeId()).bind(1, next.segment()).bind(2, next.offset()).bind(3, now).execute());
            if (!inserted) {
                throw new PositionConflictException("Node " + batch.nodeId() + " already has a drained position");
            }
            return;
        }
        JournalPosition expected = batch.expected().get();
        int moved = h.createUpdate("UPDATE journal_positions SET segment_no = ?, segment_offset = ?, updated_ms = ?"
                        + " WHERE node_id = ? AND segment_no = ? AND segment_offset = ?")
                .bind(0, next.segment()).bind(1, next.offset()).bind(2, now)
                .bind(3, batch.nodeId()).bind(4, expected.segment()).bind(5, expected.offset()).execute();
        if (moved == 0) {
            throw new PositionConflictException("Node " + batch.nodeId() + " is no longer at journal position " + expected);
        }
    }

    private void add(Handle h, Table table, Map<UsageKey, UsageTotals> rows) {
        if (rows.isEmpty()) {
            return;
        }
        var ordered = new TreeMap<>(rows);
        if (postgres) {
            upsert(h, table, ordered);
        } else {
            updateThenInsert(h, table, ordered);
        }
    }

    private static void upsert(Handle h, Table table, Map<UsageKey, UsageTotals> rows) {
        String t = table.name();
        String added = TOTALS.stream().map(c -> c + " = " + t + "." + c + " + EXCLUDED." + c).collect(Collectors.joining(", "));
        PreparedBatch batch = h.prepareBatch(insertSql(table) + " ON CONFLICT (" + keyColumns(table) + ") DO UPDATE SET " + added);
        rows.forEach((key, totals) -> bindInsert(batch, key, totals).add());
        batch.execute();
    }

    private static void updateThenInsert(Handle h, Table table, Map<UsageKey, UsageTotals> rows) {
        String added = TOTALS.stream().map(c -> c + " = " + c + " + ?").collect(Collectors.joining(", "));
        String matched = table.key().stream().map(c -> c + " = ?").collect(Collectors.joining(" AND "));
        PreparedBatch update = h.prepareBatch("UPDATE " + table.name() + " SET " + added + " WHERE " + matched);
        List<Map.Entry<UsageKey, UsageTotals>> entries = new ArrayList<>(rows.entrySet());
        for (var e : entries) {
            bindKey(update, bindTotals(update, 0, e.getValue()), e.getKey());
            update.add();
        }
        int[] updated = update.execute();
        PreparedBatch insert = h.prepareBatch(insertSql(table));
        boolean any = false;
        for (int i = 0; i < entries.size(); i++) {
            if (updated[i] == 0) {
                bindInsert(insert, entries.get(i).getKey(), entries.get(i).getValue()).add();
                any = true;
            }
        }
        if (any) {
            insert.execute();
        }
    }

    private static String insertSql(Table table) {
        List<String> columns = new ArrayList<>(table.key());
        columns.addAll(TOTALS);
        return "INSERT INTO " + table.name() + " (" + String.join(", ", columns) + ") VALUES ("
                + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
    }

    private static String keyColumns(Table table) {
        return String.join(", ", table.key());
    }

    private static PreparedBatch bindInsert(PreparedBatch batch, UsageKey k, UsageTotals v) {
        bindTotals(batch, bindKey(batch, 0, k), v);
        return batch;
    }

    /** Binds the key's columns in the order of {@link Table#key()} from {@code at}; returns the next index. */
    private static int bindKey(PreparedBatch batch, int at, UsageKey k) {
        batch.bind(at, k.projectId()).bind(at + 1, k.start().toEpochMilli()).bind(at + 2, k.api()).bind(at + 3, k.method())
                .bind(at + 4, k.status()).bind(at + 5, kindColumn(k.credential())).bind(at + 6, k.credential().id());
        return at + KEY_COLUMNS;
    }

    /** Binds the totals' columns in the order of {@link #TOTALS} from {@code at}; returns the next index. */
    private static int bindTotals(PreparedBatch batch, int at, UsageTotals v) {
        batch.bind(at, v.calls()).bind(at + 1, v.bytesIn()).bind(at + 2, v.bytesOut()).bind(at + 3, v.latencyMicros());
        for (int i = 0; i < LatencyHistogram.BUCKETS; i++) {
            batch.bind(at + 4 + i, v.latency().count(i));
        }
        return at + TOTALS.size();
    }

    @Override
    public List<UsageRow> minuteUsage(String projectId, Instant from, Instant to, Set<GroupBy> groupBy) {
        return usage(MINUTES, projectId, from, to, groupBy);
    }

    @Override
    public List<UsageRow> dayUsage(String projectId, Instant from, Instant to, Set<GroupBy> groupBy) {
        return usage(DAYS, projectId, from, to, groupBy);
    }

    private List<UsageRow> usage(Table table, String projectId, Instant from, Instant to, Set<GroupBy> groupBy) {
        String columns = groupBy.stream().sorted().map(JdbcLedgerRepository::columns).collect(Collectors.joining(", "));
        String sums = TOTALS.stream().map(c -> "SUM(" + c + ") AS " + c).collect(Collectors.joining(", "));
        String sql = "SELECT " + (columns.isEmpty() ? "" : columns + ", ") + sums
                + " FROM " + table.name() + " WHERE project_id = ? AND " + table.startColumn() + " >= ? AND " + table.startColumn() + " < ?"
                + (columns.isEmpty() ? "" : " GROUP BY " + columns);
        return jdbi.withHandle(h -> h.createQuery(sql).bind(0, projectId).bind(1, from.toEpochMilli()).bind(2, to.toEpochMilli())
                .map((rs, ctx) -> row(rs, groupBy)).list()).stream().filter(r -> r.calls() > 0).toList();
    }

    private static String columns(GroupBy field) {
        return switch (field) {
            case SERVICE -> "api";
            case METHOD -> "method";
            case STATUS -> "status";
            case CREDENTIAL -> "credential_kind, credential_id";
        };
    }

    private static UsageRow row(ResultSet rs, Set<GroupBy> groupBy) throws SQLException {
        long[] buckets = new long[LatencyHistogram.BUCKETS];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = rs.getLong(bucketColumn(i));
        }
        var totals = new UsageTotals(rs.getLong("calls"), rs.getLong("bytes_in"), rs.getLong("bytes_out"), rs.getLong("latency_micros_sum"),
                LatencyHistogram.ofCounts(buckets));
        return new UsageRow(
                groupBy.contains(GroupBy.SERVICE) ? Optional.of(rs.getString("api")) : Optional.empty(),
                groupBy.contains(GroupBy.METHOD) ? Optional.of(rs.getString("method")) : Optional.empty(),
                groupBy.contains(GroupBy.STATUS) ? Optional.of(rs.getInt("status")) : Optional.empty(),
                groupBy.contains(GroupBy.CREDENTIAL)
                        ? Optional.of(new UsageCredential(kindOf(rs.getString("credential_kind")), rs.getString("credential_id")))
                        : Optional.empty(),
                totals);
    }

    /** The kind's enum name; '' for rows from before the ledger kept credentials. */
    private static String kindColumn(UsageCredential credential) {
        return credential.kind().map(Enum::name).orElse("");
    }

    private static Optional<CredentialKind> kindOf(String column) {
        return column.isEmpty() ? Optional.empty() : Optional.of(CredentialKind.valueOf(column));
    }

    private static String bucketColumn(int bucket) {
        return String.format(Locale.ROOT, "latency_b%02d", bucket);
    }

    @Override
    public int purgeMinutesBefore(Instant moment) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM usage_minutes WHERE minute_start_ms < ?")
                .bind(0, moment.toEpochMilli()).execute());
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return "";
    }
}
