package dev.tollgate.core.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalDrainTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-10T12:30:00Z"), ZoneOffset.UTC);

    @TempDir
    Path data;

    private final InMemoryLedger ledger = new InMemoryLedger();
    private FileJournal journal;

    @AfterEach
    void closeJournal() {
        if (journal != null) {
            journal.close();
        }
    }

    @Test
    void drainsEveryAcknowledgedRecordIntoMinutesAndDays() {
        journal = open(JournalOptions.defaults());
        appendCalls(50);

        assertThat(drain(ledger).drainAvailable()).isEqualTo(50);

        assertThat(ledger.totalMinuteCalls()).isEqualTo(50);
        assertThat(ledger.totalDayCalls()).isEqualTo(50);
        assertThat(ledger.positions).containsEntry("node-a", journal.durableEnd());
    }

    @Test
    void aSecondDrainAddsOnlyWhatCameSince() {
        journal = open(JournalOptions.defaults());
        var drain = drain(ledger);
        appendCalls(10);
        drain.drainAvailable();
        appendCalls(5);

        assertThat(drain.drainAvailable()).isEqualTo(5);
        assertThat(drain.drainAvailable()).isZero();
        assertThat(ledger.totalMinuteCalls()).isEqualTo(15);
        assertThat(ledger.applied).isEqualTo(2);
    }

    @Test
    void aCrashRightAfterTheCommitNeverCountsTwiceAfterARestart() {
        journal = open(JournalOptions.defaults());
        appendCalls(30);
        var crashing = new FailingLedger(ledger, Failure.AFTER_COMMIT);

        assertThatThrownBy(() -> drain(crashing).drainAvailable()).isInstanceOf(IllegalStateException.class);
        assertThat(ledger.totalMinuteCalls()).isEqualTo(30);

        journal.close();
        journal = open(JournalOptions.defaults());
        assertThat(drain(ledger).drainAvailable()).isZero();
        assertThat(ledger.totalMinuteCalls()).isEqualTo(30);
        assertThat(ledger.totalDayCalls()).isEqualTo(30);
    }

    @Test
    void aRetryAfterALostCommitAnswerNeverCountsTwice() {
        journal = open(JournalOptions.defaults());
        appendCalls(30);
        var lostAnswer = new FailingLedger(ledger, Failure.AFTER_COMMIT);
        var drain = drain(lostAnswer);

        assertThatThrownBy(drain::drainAvailable).isInstanceOf(IllegalStateException.class);
        appendCalls(4);

        assertThat(drain.drainAvailable()).isEqualTo(4);
        assertThat(ledger.totalMinuteCalls()).isEqualTo(34);
    }

    @Test
    void aBatchAppliedTwiceAddsItsCredentialsAndLatenciesOnce() {
        var aggregation = new UsageAggregation(ZoneOffset.UTC);
        for (int i = 0; i < 60; i++) {
            aggregation.add(Records.call(i));
        }
        var batch = new LedgerBatch("node-a", Optional.empty(), new JournalPosition(1, 100), aggregation.minutes(), aggregation.days(),
                CLOCK.instant());

        ledger.apply(batch);
        assertThatThrownBy(() -> ledger.apply(batch)).isInstanceOf(PositionConflictException.class);

        assertThat(ledger.minutes).isEqualTo(aggregation.minutes());
        assertThat(ledger.days).isEqualTo(aggregation.days());
        assertThat(ledger.minutes.keySet()).extracting(UsageKey::credential).hasSize(60).doesNotHaveDuplicates();
    }

    @Test
    void aRetryAfterALostCommitAnswerCountsEachCredentialsLatenciesOnce() {
        journal = open(JournalOptions.defaults());
        Instant t = Instant.parse("2026-03-10T12:00:00Z");
        for (int i = 0; i < 20; i++) {
            journal.append(call(CredentialKind.KEY, "key-a", t, 400));
            journal.append(call(CredentialKind.SERVICE_ACCOUNT, "bot@my-project.iam", t, 30_000));
        }
        var drain = drain(new FailingLedger(ledger, Failure.AFTER_COMMIT));

        assertThatThrownBy(drain::drainAvailable).isInstanceOf(IllegalStateException.class);
        journal.append(call(CredentialKind.KEY, "key-a", t, 400));
        assertThat(drain.drainAvailable()).isEqualTo(1);

        var rows = new UsageLedger(ledger, LedgerSettings.DEFAULT, CLOCK).usage("my-project", t, t.plusSeconds(60), Set.of(GroupBy.CREDENTIAL));
        assertThat(rows).extracting(r -> r.credential().orElseThrow().id(), UsageRow::calls, r -> r.latency().total()).containsExactly(
                org.assertj.core.groups.Tuple.tuple("key-a", 21L, 21L),
                org.assertj.core.groups.Tuple.tuple("bot@my-project.iam", 20L, 20L));
        assertThat(rows.get(0).latency().count(LatencyHistogram.bucketOf(400))).isEqualTo(21);
        assertThat(rows.get(1).latency().count(LatencyHistogram.bucketOf(30_000))).isEqualTo(20);
    }

    @Test
    void aFailureBeforeTheCommitLosesNothing() {
        journal = open(JournalOptions.defaults());
        appendCalls(30);
        var drain = drain(new FailingLedger(ledger, Failure.BEFORE_COMMIT));

        assertThatThrownBy(drain::drainAvailable).isInstanceOf(IllegalStateException.class);
        assertThat(ledger.totalMinuteCalls()).isZero();

        assertThat(drain.drainAvailable()).isEqualTo(30);
        assertThat(ledger.totalMinuteCalls()).isEqualTo(30);
    }

    @Test
    void aStalePositionIsReadAgainInsteadOfCountingTwice() {
        journal = open(JournalOptions.defaults());
        appendCalls(10);
        var first = drain(ledger);
        var second = drain(ledger);
        first.drainAvailable();
        second.drainAvailable();
        appendCalls(3);

        first.drainAvailable();
        assertThat(second.drainAvailable()).isZero();
        assertThat(ledger.totalMinuteCalls()).isEqualTo(13);
    }

    @Test
    void largeBacklogsGoInBatchesOfTheGivenSize() {
        journal = open(JournalOptions.defaults());
        appendCalls(50);

        assertThat(new JournalDrain(journal, ledger, "node-a", LedgerSettings.DEFAULT, CLOCK, 7).drainAvailable()).isEqualTo(50);

        assertThat(ledger.applied).isEqualTo(8);
        assertThat(ledger.totalMinuteCalls()).isEqualTo(50);
    }

    @Test
    void drainedSegmentsAreDeleted() throws Exception {
        journal = open(JournalOptions.defaults().withSegmentBytes(JournalOptions.MIN_SEGMENT_BYTES));
        appendCalls(300);
        assertThat(Segments.list(FileJournal.directoryIn(data))).hasSizeGreaterThan(5);

        drain(ledger).drainAvailable();

        assertThat(Segments.list(FileJournal.directoryIn(data))).containsExactly(journal.durableEnd().segment());
        assertThat(ledger.totalMinuteCalls()).isEqualTo(300);
    }

    @Test
    void nodesShareOneLedgerEachWithItsOwnPosition() {
        journal = open(JournalOptions.defaults());
        try (var other = FileJournal.open(data.resolve("other"), JournalOptions.defaults(), CLOCK)) {
            appendCalls(20);
            for (int i = 0; i < 7; i++) {
                other.append(Records.call(i));
            }
            drain(ledger).drainAvailable();
            new JournalDrain(other, ledger, "node-b", LedgerSettings.DEFAULT, CLOCK).drainAvailable();

            assertThat(ledger.totalMinuteCalls()).isEqualTo(27);
            assertThat(ledger.positions).containsOnlyKeys("node-a", "node-b");
        }
    }

    @Test
    void closingDrainsWhatIsLeftOnceTheJournalIsClosed() {
        journal = open(JournalOptions.defaults());
        var drain = drain(ledger).start(Duration.ofHours(1));
        appendCalls(12);
        journal.close();

        drain.close();

        assertThat(ledger.totalMinuteCalls()).isEqualTo(12);
    }

    @Test
    void drainsOnScheduleWithoutBeingAsked() throws InterruptedException {
        journal = open(JournalOptions.defaults());
        try (var drain = drain(ledger).start(Duration.ofMillis(20))) {
            appendCalls(9);
            for (int i = 0; i < 250 && ledger.totalMinuteCalls() < 9; i++) {
                Thread.sleep(20);
            }
            assertThat(ledger.totalMinuteCalls()).isEqualTo(9);
        }
    }

    @Test
    void usageIsAddedUpPerProjectMethodAndStatus() {
        journal = open(JournalOptions.defaults());
        Instant t = Instant.parse("2026-03-10T12:00:00Z");
        journal.append(Records.call("my-project", "posts.get", 200, t));
        journal.append(Records.call("my-project", "posts.get", 200, t.plusSeconds(30)));
        journal.append(Records.call("my-project", "posts.get", 429, t.plusSeconds(30)));
        journal.append(Records.call("my-project", "posts.get", 200, t.plusSeconds(90)));
        drain(ledger).drainAvailable();

        var usage = new UsageLedger(ledger, LedgerSettings.DEFAULT, CLOCK)
                .usage("my-project", t, t.plusSeconds(3600), Set.of(GroupBy.METHOD, GroupBy.STATUS));

        assertThat(usage).extracting(UsageRow::method, UsageRow::status, UsageRow::calls).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Optional.of("posts.get"), Optional.of(200), 3L),
                org.assertj.core.groups.Tuple.tuple(Optional.of("posts.get"), Optional.of(429), 1L));
    }

    private static UsageRecord call(CredentialKind kind, String credential, Instant time, long latencyMicros) {
        return new UsageRecord(UsageRecord.newCallId(), time, "my-project", "posts", "posts.get", kind, credential, Optional.empty(),
                200, 10, 100, latencyMicros);
    }

    private FileJournal open(JournalOptions options) {
        return FileJournal.open(data, options, CLOCK);
    }

    private JournalDrain drain(LedgerRepository repository) {
        return new JournalDrain(journal, repository, "node-a", LedgerSettings.DEFAULT, CLOCK);
    }

    private void appendCalls(int count) {
        for (int i = 0; i < count; i++) {
            journal.append(Records.call(i));
        }
    }

    enum Failure { BEFORE_COMMIT, AFTER_COMMIT }

    /** Fails its first batch, before or after committing it, like a crash or a lost connection would. */
    private static final class FailingLedger implements LedgerRepository {
        private final LedgerRepository ledger;
        private final Failure failure;
        private boolean failed;

        FailingLedger(LedgerRepository ledger, Failure failure) {
            this.ledger = ledger;
            this.failure = failure;
        }

        @Override
        public Optional<JournalPosition> drainedPosition(String nodeId) {
            return ledger.drainedPosition(nodeId);
        }

        @Override
        public void apply(LedgerBatch batch) {
            if (!failed && failure == Failure.BEFORE_COMMIT) {
                failed = true;
                throw new IllegalStateException("connection lost before the commit");
            }
            ledger.apply(batch);
            if (!failed) {
                failed = true;
                throw new IllegalStateException("connection lost after the commit");
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
