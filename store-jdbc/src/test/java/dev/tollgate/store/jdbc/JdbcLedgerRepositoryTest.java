package dev.tollgate.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.tollgate.core.metering.CredentialKind;
import dev.tollgate.core.metering.GroupBy;
import dev.tollgate.core.metering.JournalPosition;
import dev.tollgate.core.metering.LatencyHistogram;
import dev.tollgate.core.metering.LedgerBatch;
import dev.tollgate.core.metering.PositionConflictException;
import dev.tollgate.core.metering.UsageAggregation;
import dev.tollgate.core.metering.UsageCredential;
import dev.tollgate.core.metering.UsageKey;
import dev.tollgate.core.metering.UsageRecord;
import dev.tollgate.core.metering.UsageRow;
import dev.tollgate.core.metering.UsageTotals;
import dev.tollgate.store.jdbc.TestDatabases.Kind;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

class JdbcLedgerRepositoryTest extends RepositoryTest {
    private static final Instant MINUTE = Instant.parse("2026-03-10T12:00:00Z");
    private static final Instant DAY = Instant.parse("2026-03-10T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-03-10T12:01:05Z");
    private static final Set<GroupBy> NONE = EnumSet.noneOf(GroupBy.class);
    private static final UsageCredential KEY_1 = UsageCredential.of(CredentialKind.KEY, "key-1");
    private static final UsageCredential KEY_2 = UsageCredential.of(CredentialKind.KEY, "key-2");
    private static final UsageCredential BOT = UsageCredential.of(CredentialKind.SERVICE_ACCOUNT, "bot@my-project.iam");
    private static final UsageCredential CLIENT = UsageCredential.of(CredentialKind.CLIENT, "key-1");

    @OnEachDatabase
    void aNodeWithoutBatchesHasNoPosition(Kind kind) {
        open(kind);

        assertThat(ledger().drainedPosition("node-a")).isEmpty();
    }

    @OnEachDatabase
    void batchesAddToExistingRowsAndMoveThePosition(Kind kind) {
        open(kind);
        var ledger = ledger();
        ledger.apply(batch("node-a", null, position(1, 100), Map.of(key("posts.get", 200, MINUTE), totals(2, 10, 20, 30)),
                Map.of(key("posts.get", 200, DAY), totals(2, 10, 20, 30))));
        ledger.apply(batch("node-a", position(1, 100), position(2, 50), Map.of(
                        key("posts.get", 200, MINUTE), totals(3, 1, 2, 3),
                        key("posts.get", 200, MINUTE.plusSeconds(60)), totals(1, 1, 1, 1)),
                Map.of(key("posts.get", 200, DAY), totals(4, 2, 3, 4))));

        assertThat(ledger.drainedPosition("node-a")).contains(position(2, 50));
        assertThat(ledger.minuteUsage("my-project", MINUTE, MINUTE.plusSeconds(60), NONE))
                .extracting(UsageRow::totals).containsExactly(totals(5, 11, 22, 33));
        assertThat(ledger.dayUsage("my-project", DAY, DAY.plusSeconds(86_400), NONE))
                .extracting(UsageRow::totals).containsExactly(totals(6, 12, 23, 34));
    }

    @OnEachDatabase
    void aBatchFromAStalePositionAddsNothing(Kind kind) {
        open(kind);
        var ledger = ledger();
        ledger.apply(batch("node-a", null, position(1, 100), Map.of(key("posts.get", 200, MINUTE), totals(2, 0, 0, 0)), Map.of()));
        ledger.apply(batch("node-a", position(1, 100), position(1, 200), Map.of(key("posts.get", 200, MINUTE), totals(3, 0, 0, 0)), Map.of()));

        assertThatThrownBy(() -> ledger.apply(batch("node-a", position(1, 100), position(1, 200),
                Map.of(key("posts.get", 200, MINUTE), totals(3, 0, 0, 0)), Map.of()))).isInstanceOf(PositionConflictException.class);
        assertThatThrownBy(() -> ledger.apply(batch("node-a", null, position(1, 100),
                Map.of(key("posts.get", 200, MINUTE), totals(2, 0, 0, 0)), Map.of()))).isInstanceOf(PositionConflictException.class);

        assertThat(calls(ledger.minuteUsage("my-project", MINUTE, MINUTE.plusSeconds(60), NONE))).isEqualTo(5);
        assertThat(ledger.drainedPosition("node-a")).contains(position(1, 200));
    }

    @OnEachDatabase
    void aFailureInTheMiddleOfABatchLeavesRowsAndPositionAsTheyWere(Kind kind) {
        open(kind);
        var ledger = ledger();
        ledger.apply(batch("node-a", null, position(1, 100), Map.of(key("posts.get", 200, MINUTE), totals(2, 0, 0, 0)),
                Map.of(key("posts.get", 200, DAY), totals(2, 0, 0, 0))));
        var tooLongForItsColumn = new UsageKey("my-project", "posts", "m".repeat(300), 200, KEY_1, DAY);

        assertThatThrownBy(() -> ledger.apply(batch("node-a", position(1, 100), position(1, 300),
                Map.of(key("posts.get", 200, MINUTE), totals(7, 0, 0, 0)),
                Map.of(key("posts.get", 200, DAY), totals(7, 0, 0, 0), tooLongForItsColumn, totals(7, 0, 0, 0)))))
                .isNotInstanceOf(PositionConflictException.class);

        assertThat(ledger.drainedPosition("node-a")).contains(position(1, 100));
        assertThat(calls(ledger.minuteUsage("my-project", MINUTE, MINUTE.plusSeconds(60), NONE))).isEqualTo(2);
        assertThat(calls(ledger.dayUsage("my-project", DAY, DAY.plusSeconds(86_400), NONE))).isEqualTo(2);
    }

    @OnEachDatabase
    void usageIsGroupedByTheChosenFieldsWithinTheRange(Kind kind) {
        open(kind);
        var ledger = ledger();
        ledger.apply(batch("node-a", null, position(1, 100), Map.of(
                key("posts", "posts.get", 200, MINUTE), totals(1, 0, 0, 0),
                key("posts", "posts.get", 404, MINUTE), totals(2, 0, 0, 0),
                key("posts", "posts.list", 200, MINUTE.plusSeconds(60)), totals(4, 0, 0, 0),
                key("calendar", "calendar.events.list", 200, MINUTE.plusSeconds(120)), totals(8, 0, 0, 0),
                key("posts", "posts.get", 200, MINUTE.plusSeconds(180)), totals(16, 0, 0, 0),
                new UsageKey("other-project", "posts", "posts.get", 200, KEY_1, MINUTE), totals(32, 0, 0, 0)), Map.of()));
        Instant end = MINUTE.plusSeconds(180);

        assertThat(ledger.minuteUsage("my-project", MINUTE, end, NONE)).extracting(UsageRow::service, UsageRow::method, UsageRow::status,
                UsageRow::calls).containsExactly(tuple(Optional.empty(), Optional.empty(), Optional.empty(), 15L));
        assertThat(ledger.minuteUsage("my-project", MINUTE, end, EnumSet.of(GroupBy.SERVICE)))
                .extracting(UsageRow::service, UsageRow::calls)
                .containsExactlyInAnyOrder(tuple(Optional.of("posts"), 7L), tuple(Optional.of("calendar"), 8L));
        assertThat(ledger.minuteUsage("my-project", MINUTE, end, EnumSet.of(GroupBy.METHOD, GroupBy.STATUS)))
                .extracting(UsageRow::service, UsageRow::method, UsageRow::status, UsageRow::calls).containsExactlyInAnyOrder(
                        tuple(Optional.empty(), Optional.of("posts.get"), Optional.of(200), 1L),
                        tuple(Optional.empty(), Optional.of("posts.get"), Optional.of(404), 2L),
                        tuple(Optional.empty(), Optional.of("posts.list"), Optional.of(200), 4L),
                        tuple(Optional.empty(), Optional.of("calendar.events.list"), Optional.of(200), 8L));
        assertThat(calls(ledger.minuteUsage("my-project", MINUTE.plusSeconds(60), MINUTE.plusSeconds(61), NONE))).isEqualTo(4);
        assertThat(ledger.minuteUsage("nobody", MINUTE, end, EnumSet.allOf(GroupBy.class))).isEmpty();
        assertThat(ledger.minuteUsage("nobody", MINUTE, end, NONE)).isEmpty();
    }

    @OnEachDatabase
    void eachCredentialsRowsKeepTheirLatencyBucketsAndAddUpPerGroup(Kind kind) {
        open(kind);
        var ledger = ledger();
        ledger.apply(batch("node-a", null, position(1, 100), Map.of(
                        key("posts.get", 200, KEY_1, MINUTE), totals(2, latencies(100, 3_000)),
                        key("posts.get", 200, KEY_2, MINUTE), totals(1, latencies(70_000_000)),
                        key("posts.get", 404, KEY_1, MINUTE), totals(1, latencies(3_000)),
                        key("posts.get", 200, BOT, MINUTE), totals(1, latencies(250)),
                        key("posts.get", 200, CLIENT, MINUTE), totals(1, latencies(500))),
                Map.of(key("posts.get", 200, KEY_1, DAY), totals(2, latencies(100, 3_000)))));
        ledger.apply(batch("node-a", position(1, 100), position(1, 200), Map.of(
                key("posts.get", 200, KEY_1, MINUTE), totals(1, latencies(3_500))), Map.of()));

        List<UsageRow> rows = ledger.minuteUsage("my-project", MINUTE, MINUTE.plusSeconds(60), EnumSet.of(GroupBy.CREDENTIAL));
        assertThat(rows).extracting(r -> r.credential().orElseThrow(), UsageRow::calls).containsExactlyInAnyOrder(
                tuple(KEY_1, 4L), tuple(KEY_2, 1L), tuple(BOT, 1L), tuple(CLIENT, 1L));
        assertThat(row(rows, KEY_1).latency()).isEqualTo(latencies(100, 3_000, 3_000, 3_500));
        assertThat(row(rows, KEY_2).latency().count(LatencyHistogram.BUCKETS - 1)).isEqualTo(1);
        assertThat(ledger.minuteUsage("my-project", MINUTE, MINUTE.plusSeconds(60), EnumSet.of(GroupBy.CREDENTIAL, GroupBy.STATUS)))
                .extracting(r -> r.credential().orElseThrow(), UsageRow::status, UsageRow::calls).contains(
                        tuple(KEY_1, Optional.of(200), 3L), tuple(KEY_1, Optional.of(404), 1L));
        List<UsageRow> byStatus = ledger.minuteUsage("my-project", MINUTE, MINUTE.plusSeconds(60), EnumSet.of(GroupBy.STATUS));
        assertThat(byStatus).extracting(UsageRow::credential, UsageRow::status, UsageRow::calls).containsExactlyInAnyOrder(
                tuple(Optional.empty(), Optional.of(200), 6L), tuple(Optional.empty(), Optional.of(404), 1L));
        assertThat(ledger.minuteUsage("my-project", MINUTE, MINUTE.plusSeconds(60), NONE).get(0).latency())
                .isEqualTo(latencies(100, 3_000, 3_500, 3_000, 70_000_000, 250, 500));
        assertThat(ledger.dayUsage("my-project", DAY, DAY.plusSeconds(86_400), EnumSet.of(GroupBy.CREDENTIAL)))
                .extracting(r -> r.credential().orElseThrow(), UsageRow::latency).containsExactly(tuple(KEY_1, latencies(100, 3_000)));
    }

    @OnEachDatabase
    void aBatchAppliedTwiceAddsItsCredentialsAndBucketsOnce(Kind kind) {
        open(kind);
        var ledger = ledger();
        var first = batch("node-a", null, position(1, 100), Map.of(key("posts.get", 200, KEY_1, MINUTE), totals(2, latencies(300, 300))),
                Map.of(key("posts.get", 200, KEY_1, DAY), totals(2, latencies(300, 300))));
        var second = batch("node-a", position(1, 100), position(1, 250), Map.of(key("posts.get", 200, BOT, MINUTE), totals(1, latencies(9_000))),
                Map.of(key("posts.get", 200, BOT, DAY), totals(1, latencies(9_000))));
        ledger.apply(first);
        ledger.apply(second);

        assertThatThrownBy(() -> ledger.apply(first)).isInstanceOf(PositionConflictException.class);
        assertThatThrownBy(() -> ledger.apply(second)).isInstanceOf(PositionConflictException.class);

        assertThat(ledger.dayUsage("my-project", DAY, DAY.plusSeconds(86_400), EnumSet.of(GroupBy.CREDENTIAL)))
                .extracting(r -> r.credential().orElseThrow(), UsageRow::calls, UsageRow::latency).containsExactlyInAnyOrder(
                        tuple(KEY_1, 2L, latencies(300, 300)), tuple(BOT, 1L, latencies(9_000)));
        assertThat(ledger.minuteUsage("my-project", MINUTE, MINUTE.plusSeconds(60), NONE).get(0).latency())
                .isEqualTo(latencies(300, 300, 9_000));
    }

    @OnEachDatabase
    void everyCredentialIdTheJournalTakesFitsTheLedger(Kind kind) {
        open(kind);
        var ledger = ledger();
        var random = new java.util.Random(3);
        StringBuilder unicode = new StringBuilder();
        while (unicode.length() < UsageRecord.MAX_OTHER) {
            unicode.append((char) (0x0400 + random.nextInt(0x4000)));
        }
        var aggregation = new UsageAggregation(java.time.ZoneOffset.UTC);
        for (String id : List.of(unicode.toString(), "c".repeat(UsageRecord.MAX_OTHER), "k".repeat(UsageCredential.MAX_ID_BYTES), "")) {
            aggregation.add(new UsageRecord(UsageRecord.newCallId(), MINUTE, "my-project", "posts", "m".repeat(UsageRecord.MAX_METHOD),
                    CredentialKind.CLIENT, id, Optional.empty(), 200, 1, 1, 1));
        }
        ledger.apply(batch("node-a", null, position(1, 100), aggregation.minutes(), aggregation.days()));

        assertThat(ledger.dayUsage("my-project", DAY, DAY.plusSeconds(86_400), EnumSet.of(GroupBy.CREDENTIAL)))
                .extracting(r -> r.credential().orElseThrow().id()).hasSize(4)
                .contains("k".repeat(UsageCredential.MAX_ID_BYTES), "")
                .filteredOn(id -> id.startsWith("sha256:")).hasSize(2).allSatisfy(id -> assertThat(id).hasSize(7 + 64));
    }

    @OnEachDatabase
    void purgeRemovesOnlyOldMinutesAndKeepsEveryDay(Kind kind) {
        open(kind);
        var ledger = ledger();
        ledger.apply(batch("node-a", null, position(1, 100), Map.of(
                key("posts.get", 200, MINUTE), totals(1, 0, 0, 0),
                key("posts.get", 200, MINUTE.plusSeconds(60)), totals(2, 0, 0, 0)),
                Map.of(key("posts.get", 200, DAY), totals(3, 0, 0, 0))));

        assertThat(ledger.purgeMinutesBefore(MINUTE.plusSeconds(60))).isEqualTo(1);

        assertThat(calls(ledger.minuteUsage("my-project", DAY, DAY.plusSeconds(86_400), NONE))).isEqualTo(2);
        assertThat(calls(ledger.dayUsage("my-project", DAY, DAY.plusSeconds(86_400), NONE))).isEqualTo(3);
    }

    @OnEachDatabase
    void nodesAddingToTheSameRowsAtOnceLoseNothing(Kind kind) throws Exception {
        open(kind);
        var ledger = ledger();
        int nodes = 4;
        int batches = 25;
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        List<Future<?>> done = new java.util.ArrayList<>();
        for (int n = 0; n < nodes; n++) {
            String node = "node-" + n;
            done.add(pool.submit(() -> {
                JournalPosition at = null;
                for (int b = 0; b < batches; b++) {
                    JournalPosition next = position(1, 100L * (b + 1));
                    ledger.apply(batch(node, at, next, Map.of(
                                    key("posts.get", 200, MINUTE), totals(1, 0, 0, 0),
                                    key("posts.get", 200, MINUTE.plusSeconds(60L * (b + 1))), totals(1, 0, 0, 0),
                                    key("posts.list", 200, MINUTE), totals(1, 0, 0, 0)),
                            Map.of(key("posts.get", 200, DAY), totals(1, 0, 0, 0), key("posts.list", 200, DAY), totals(1, 0, 0, 0))));
                    at = next;
                }
                return null;
            }));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        for (Future<?> f : done) {
            f.get();
        }

        assertThat(calls(ledger.minuteUsage("my-project", MINUTE, MINUTE.plusSeconds(3600), NONE))).isEqualTo(3L * nodes * batches);
        assertThat(calls(ledger.dayUsage("my-project", DAY, DAY.plusSeconds(86_400), NONE))).isEqualTo(2L * nodes * batches);
    }

    private JdbcLedgerRepository ledger() {
        return new JdbcLedgerRepository(db());
    }

    private static LedgerBatch batch(String node, JournalPosition expected, JournalPosition next, Map<UsageKey, UsageTotals> minutes,
                                     Map<UsageKey, UsageTotals> days) {
        return new LedgerBatch(node, Optional.ofNullable(expected), next, minutes, days, NOW);
    }

    private static UsageKey key(String method, int status, Instant start) {
        return key("posts", method, status, start);
    }

    private static UsageKey key(String api, String method, int status, Instant start) {
        return new UsageKey("my-project", api, method, status, KEY_1, start);
    }

    private static UsageKey key(String method, int status, UsageCredential credential, Instant start) {
        return new UsageKey("my-project", "posts", method, status, credential, start);
    }

    private static UsageTotals totals(long calls, LatencyHistogram latency) {
        return new UsageTotals(calls, 10 * calls, 100 * calls, 0, latency);
    }

    private static LatencyHistogram latencies(long... micros) {
        LatencyHistogram h = LatencyHistogram.EMPTY;
        for (long m : micros) {
            h = h.plus(LatencyHistogram.of(m));
        }
        return h;
    }

    private static UsageRow row(List<UsageRow> rows, UsageCredential credential) {
        return rows.stream().filter(r -> r.credential().orElseThrow().equals(credential)).findFirst().orElseThrow();
    }

    private static UsageTotals totals(long calls, long in, long out, long latency) {
        return new UsageTotals(calls, in, out, latency);
    }

    private static JournalPosition position(long segment, long offset) {
        return new JournalPosition(segment, offset);
    }

    private static long calls(List<UsageRow> rows) {
        return rows.stream().mapToLong(UsageRow::calls).sum();
    }
}
