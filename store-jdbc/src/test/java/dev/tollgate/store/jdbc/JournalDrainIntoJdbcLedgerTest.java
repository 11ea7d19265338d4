package dev.tollgate.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.tollgate.core.metering.CredentialKind;
import dev.tollgate.core.metering.FileJournal;
import dev.tollgate.core.metering.GroupBy;
import dev.tollgate.core.metering.JournalDrain;
import dev.tollgate.core.metering.JournalOptions;
import dev.tollgate.core.metering.JournalPosition;
import dev.tollgate.core.metering.LedgerBatch;
import dev.tollgate.core.metering.LedgerRepository;
import dev.tollgate.core.metering.LedgerSettings;
import dev.tollgate.core.metering.MethodCalls;
import dev.tollgate.core.metering.UsageLedger;
import dev.tollgate.core.metering.UsageRecord;
import dev.tollgate.core.metering.UsageRow;
import dev.tollgate.store.jdbc.TestDatabases.Kind;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/** Journals on disk drained into the ledger of a real database, as nodes do. */
class JournalDrainIntoJdbcLedgerTest extends RepositoryTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-10T12:30:00Z"), ZoneOffset.UTC);
    private static final Instant T = Instant.parse("2026-03-10T12:00:00Z");

    @OnEachDatabase
    void twoNodesDrainIntoOneLedgerAndAnswerUsageAndMonths(Kind kind) {
        open(kind);
        var repository = new JdbcLedgerRepository(db());
        try (var a = journal("a"); var b = journal("b")) {
            for (int i = 0; i < 300; i++) {
                a.append(call(i % 3 == 0 ? "posts.list" : "posts.get", i % 10 == 0 ? 429 : 200, T.plusSeconds(i)));
                b.append(call("posts.get", 200, T.plusSeconds(i)));
            }
            assertThat(drain(a, "node-a", repository).drainAvailable()).isEqualTo(300);
            assertThat(drain(b, "node-b", repository).drainAvailable()).isEqualTo(300);
        }
        var ledger = new UsageLedger(repository, LedgerSettings.DEFAULT, CLOCK);

        List<UsageRow> rows = ledger.usage("my-project", T, T.plusSeconds(3600), EnumSet.of(GroupBy.METHOD, GroupBy.STATUS));
        assertThat(rows).extracting(UsageRow::method, UsageRow::status, UsageRow::calls).containsExactly(
                tuple(Optional.of("posts.get"), Optional.of(200), 480L), tuple(Optional.of("posts.get"), Optional.of(429), 20L),
                tuple(Optional.of("posts.list"), Optional.of(200), 90L), tuple(Optional.of("posts.list"), Optional.of(429), 10L));
        assertThat(ledger.usage("my-project", T.plusSeconds(60), T.plusSeconds(120), Set.of())).extracting(UsageRow::calls)
                .containsExactly(120L);
        assertThat(ledger.monthlyCalls("my-project", YearMonth.of(2026, 3), ZoneOffset.UTC)).containsExactly(
                new MethodCalls("posts", "posts.get", 200, 480), new MethodCalls("posts", "posts.get", 429, 20),
                new MethodCalls("posts", "posts.list", 200, 90), new MethodCalls("posts", "posts.list", 429, 10));
    }

    @OnEachDatabase
    void aDrainThatCrashedAfterItsCommitCountsNothingTwiceAfterARestart(Kind kind) {
        open(kind);
        try (var journal = journal("a")) {
            for (int i = 0; i < 100; i++) {
                journal.append(call("posts.get", 200, T.plusSeconds(i)));
            }
            var crashing = new CrashAfterCommit(new JdbcLedgerRepository(db()));
            assertThatThrownBy(() -> drain(journal, "node-a", crashing).drainAvailable()).isInstanceOf(IllegalStateException.class);
        }
        reopen();
        var repository = new JdbcLedgerRepository(db());
        try (var journal = journal("a")) {
            journal.append(call("posts.get", 200, T.plusSeconds(500)));
            assertThat(drain(journal, "node-a", repository).drainAvailable()).as("the 36 after the committed batch of 64, and the new one")
                    .isEqualTo(37);
        }

        var ledger = new UsageLedger(repository, LedgerSettings.DEFAULT, CLOCK);
        assertThat(ledger.usage("my-project", T, T.plusSeconds(3600), Set.of())).extracting(UsageRow::calls).containsExactly(101L);
    }

    private FileJournal journal(String node) {
        return FileJournal.open(tempDir.resolve(node), JournalOptions.defaults().withSegmentBytes(8192), CLOCK);
    }

    private static JournalDrain drain(FileJournal journal, String node, LedgerRepository repository) {
        return new JournalDrain(journal, repository, node, LedgerSettings.DEFAULT, CLOCK, 64);
    }

    private static UsageRecord call(String method, int status, Instant time) {
        return new UsageRecord(UsageRecord.newCallId(), time, "my-project", "posts", method, CredentialKind.KEY, "key-1",
                Optional.empty(), status, 120, 3400, 900);
    }

    /** Commits its first batch, then fails as if the process died before it learnt of the commit. */
    private static final class CrashAfterCommit implements LedgerRepository {
        private final LedgerRepository ledger;
        private final AtomicBoolean crashed = new AtomicBoolean();

        CrashAfterCommit(LedgerRepository ledger) {
            this.ledger = ledger;
        }

        @Override
        public Optional<JournalPosition> drainedPosition(String nodeId) {
            return ledger.drainedPosition(nodeId);
        }

        @Override
        public void apply(LedgerBatch batch) {
            ledger.apply(batch);
            if (crashed.compareAndSet(false, true)) {
                throw new IllegalStateException("crashed after the commit");
            }
        }

        @Override
        public List<UsageRow> minuteUsage(String projectId, Instant from, Instant to, Set<GroupBy> groupBy) {
            return ledger.minuteUsage(projectId, from, to, groupBy);
        }

        @Override
        public List<UsageRow> dayUsage(String projectId, Instant from, Instant to, Set<GroupBy> groupBy) {
            return ledger.dayUsage(projectId, from, to, groupBy);
        }

        @Override
        public int purgeMinutesBefore(Instant moment) {
            return ledger.purgeMinutesBefore(moment);
        }
    }
}
