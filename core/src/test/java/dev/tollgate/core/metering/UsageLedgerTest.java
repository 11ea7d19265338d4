package dev.tollgate.core.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Now is 2026-03-10T12:30Z and minutes are kept 35 days: every minute from 2026-02-04T00:00Z on is certainly there. */
class UsageLedgerTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-10T12:30:00Z"), ZoneOffset.UTC);
    private static final Set<GroupBy> NONE = EnumSet.noneOf(GroupBy.class);
    private static final UsageCredential KEY_1 = UsageCredential.of(CredentialKind.KEY, "key-1");

    private final InMemoryLedger repository = new InMemoryLedger();
    private final UsageLedger ledger = new UsageLedger(repository, new LedgerSettings(ZoneOffset.UTC, Duration.ofDays(35)), CLOCK);

    @Test
    void aRecentRangeIsExactToTheMinute() {
        minute("posts.get", 200, "2026-03-10T10:00:00Z", 1);
        minute("posts.get", 200, "2026-03-10T10:01:00Z", 10);
        minute("posts.get", 200, "2026-03-10T10:02:00Z", 100);
        day("posts.get", 200, "2026-03-10T00:00:00Z", 1_000_000);

        assertThat(calls("2026-03-10T10:01:00Z", "2026-03-10T10:02:00Z")).isEqualTo(10);
        assertThat(calls("2026-03-10T10:01:30Z", "2026-03-10T10:02:00Z")).as("start rounded down to its minute").isEqualTo(10);
        assertThat(calls("2026-03-10T10:01:00Z", "2026-03-10T10:02:01Z")).as("a minute counts when it starts before the end").isEqualTo(110);
    }

    @Test
    void anOldRangeIsWidenedToWholeDays() {
        day("posts.get", 200, "2026-01-10T00:00:00Z", 1);
        day("posts.get", 200, "2026-01-11T00:00:00Z", 10);
        day("posts.get", 200, "2026-01-12T00:00:00Z", 100);

        assertThat(calls("2026-01-11T06:00:00Z", "2026-01-11T18:00:00Z")).isEqualTo(10);
        assertThat(calls("2026-01-11T00:00:00Z", "2026-01-12T00:00:00Z")).isEqualTo(10);
    }

    @Test
    void aRangeAcrossTheRetentionUsesDaysUntilTheFirstWholeDayOfMinutes() {
        day("posts.get", 200, "2026-02-02T00:00:00Z", 1);
        day("posts.get", 200, "2026-02-03T00:00:00Z", 10);
        day("posts.get", 200, "2026-02-04T00:00:00Z", 1_000_000);
        minute("posts.get", 200, "2026-02-03T23:59:00Z", 1_000_000);
        minute("posts.get", 200, "2026-02-04T00:00:00Z", 100);
        minute("posts.get", 200, "2026-03-01T08:00:00Z", 1000);

        assertThat(calls("2026-02-02T00:00:00Z", "2026-03-02T00:00:00Z")).isEqualTo(1111);
    }

    @Test
    void aMonthOfTheDayZoneIsExactWhetherOldOrRecent() {
        day("posts.get", 200, "2026-01-31T00:00:00Z", 5);
        day("posts.get", 200, "2026-02-01T00:00:00Z", 7);
        day("posts.get", 200, "2026-02-03T00:00:00Z", 11);
        minute("posts.get", 200, "2026-02-05T00:00:00Z", 13);
        minute("posts.list", 429, "2026-02-28T23:59:00Z", 17);
        minute("posts.get", 200, "2026-03-01T00:00:00Z", 19);

        assertThat(ledger.monthlyCalls("my-project", YearMonth.of(2026, 2), ZoneOffset.UTC)).containsExactly(
                new MethodCalls("posts", "posts.get", 200, 31), new MethodCalls("posts", "posts.list", 429, 17));
        assertThat(ledger.monthlyCalls("my-project", YearMonth.of(2026, 1), ZoneOffset.UTC))
                .containsExactly(new MethodCalls("posts", "posts.get", 200, 5));
    }

    @Test
    void rowsOfTheSameGroupAreAddedUpAcrossDaysAndMinutesAndSorted() {
        day("posts.list", 200, "2026-02-03T00:00:00Z", 1);
        day("posts.get", 404, "2026-02-03T00:00:00Z", 2);
        minute("posts.list", 200, "2026-03-01T00:00:00Z", 4);
        minute("posts.get", 200, "2026-03-01T00:00:00Z", 8);
        repository.minutes.put(new UsageKey("my-project", "calendar", "calendar.events.list", 200, KEY_1, Instant.parse("2026-03-01T00:00:00Z")),
                new UsageTotals(16, 0, 0, 0));

        var rows = ledger.usage("my-project", Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-03-02T00:00:00Z"),
                EnumSet.of(GroupBy.SERVICE, GroupBy.METHOD));

        assertThat(rows).extracting(UsageRow::service, UsageRow::method, UsageRow::status, UsageRow::calls).containsExactly(
                tuple(Optional.of("calendar"), Optional.of("calendar.events.list"), Optional.empty(), 16L),
                tuple(Optional.of("posts"), Optional.of("posts.get"), Optional.empty(), 10L),
                tuple(Optional.of("posts"), Optional.of("posts.list"), Optional.empty(), 5L));
        assertThat(ledger.usage("my-project", Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-03-02T00:00:00Z"), NONE))
                .extracting(UsageRow::calls).containsExactly(31L);
    }

    @Test
    void groupedByCredentialEachCredentialsCallsAndLatenciesAreAddedUpAcrossDaysAndMinutes() {
        var keyB = UsageCredential.of(CredentialKind.KEY, "key-b");
        var bot = UsageCredential.of(CredentialKind.SERVICE_ACCOUNT, "bot@my-project.iam");
        put(repository.days, "posts.get", 200, KEY_1, "2026-02-03T00:00:00Z", 2, 1_000);
        put(repository.days, "posts.get", 200, UsageCredential.UNRECORDED, "2026-02-03T00:00:00Z", 7, 0);
        put(repository.minutes, "posts.get", 200, KEY_1, "2026-03-01T00:00:00Z", 3, 100_000);
        put(repository.minutes, "posts.get", 404, KEY_1, "2026-03-01T00:01:00Z", 5, 1_000);
        put(repository.minutes, "posts.get", 200, keyB, "2026-03-01T00:00:00Z", 11, 1_000);
        put(repository.minutes, "posts.list", 200, bot, "2026-03-01T00:00:00Z", 13, 1_000);

        var rows = ledger.usage("my-project", Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-03-02T00:00:00Z"),
                EnumSet.of(GroupBy.CREDENTIAL));

        assertThat(rows).extracting(r -> r.credential().orElseThrow(), UsageRow::calls, r -> r.latency().total()).containsExactly(
                tuple(UsageCredential.UNRECORDED, 7L, 0L), tuple(KEY_1, 10L, 10L), tuple(keyB, 11L, 11L), tuple(bot, 13L, 13L));
        var key1 = rows.get(1).latency();
        assertThat(key1.count(LatencyHistogram.bucketOf(1_000))).isEqualTo(7);
        assertThat(key1.count(LatencyHistogram.bucketOf(100_000))).isEqualTo(3);
        assertThat(key1.percentileMicros(0.5).getAsDouble()).as("rank 5 of 10: within 1-2 ms").isBetween(1_000.0, 2_000.0);
        assertThat(key1.percentileMicros(0.95).getAsDouble()).as("rank 10 of 10: within 64-128 ms").isBetween(64_000.0, 128_000.0);
        assertThat(rows.get(0).latency().percentileMicros(0.5)).as("no spread was recorded before V13").isEmpty();
    }

    @Test
    void billsAddUpEveryCredentialsCallsOfAMethodAndStatus() {
        var keyB = UsageCredential.of(CredentialKind.KEY, "key-b");
        put(repository.days, "posts.get", 200, UsageCredential.UNRECORDED, "2026-02-01T00:00:00Z", 1, 0);
        put(repository.days, "posts.get", 200, KEY_1, "2026-02-03T00:00:00Z", 2, 0);
        put(repository.minutes, "posts.get", 200, KEY_1, "2026-02-10T00:00:00Z", 4, 0);
        put(repository.minutes, "posts.get", 200, keyB, "2026-02-10T00:00:00Z", 8, 0);
        put(repository.minutes, "posts.get", 429, keyB, "2026-02-10T00:00:00Z", 16, 0);

        assertThat(ledger.monthlyCalls("my-project", YearMonth.of(2026, 2), ZoneOffset.UTC)).containsExactly(
                new MethodCalls("posts", "posts.get", 200, 15), new MethodCalls("posts", "posts.get", 429, 16));
        assertThat(ledger.usage("my-project", Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-03-01T00:00:00Z"),
                EnumSet.of(GroupBy.METHOD, GroupBy.STATUS))).extracting(UsageRow::credential).containsOnly(Optional.empty());
    }

    @Test
    void otherProjectsAreNotCounted() {
        minute("posts.get", 200, "2026-03-10T10:00:00Z", 3);
        repository.minutes.put(new UsageKey("someone-else", "posts", "posts.get", 200, KEY_1, Instant.parse("2026-03-10T10:00:00Z")),
                new UsageTotals(5, 0, 0, 0));

        assertThat(calls("2026-03-10T00:00:00Z", "2026-03-11T00:00:00Z")).isEqualTo(3);
    }

    @Test
    void noCallsGiveNoRowsAndABackwardRangeIsRefused() {
        assertThat(ledger.usage("my-project", Instant.parse("2026-03-10T10:00:00Z"), Instant.parse("2026-03-10T10:00:00Z"), NONE)).isEmpty();
        assertThat(ledger.usage("my-project", Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2026-03-10T10:00:00Z"), NONE)).isEmpty();
        assertThatThrownBy(() -> ledger.usage("my-project", Instant.parse("2026-03-10T10:00:00Z"), Instant.parse("2026-03-10T09:00:00Z"), NONE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void purgeRemovesOnlyMinutesPastTheirRetention() {
        minute("posts.get", 200, "2026-02-03T12:29:00Z", 1);
        minute("posts.get", 200, "2026-02-03T12:30:00Z", 2);
        day("posts.get", 200, "2026-02-03T00:00:00Z", 3);

        assertThat(ledger.purgeExpiredMinutes()).isEqualTo(1);
        assertThat(repository.minutes.keySet()).extracting(UsageKey::start).containsExactly(Instant.parse("2026-02-03T12:30:00Z"));
        assertThat(repository.days).hasSize(1);
    }

    @Test
    void minuteRetentionShorterThanADayIsRefused() {
        assertThatThrownBy(() -> new LedgerSettings(ZoneOffset.UTC, Duration.ofHours(23))).isInstanceOf(IllegalArgumentException.class);
    }

    private long calls(String start, String end) {
        return ledger.usage("my-project", Instant.parse(start), Instant.parse(end), NONE).stream().mapToLong(UsageRow::calls).sum();
    }

    private void minute(String method, int status, String start, long calls) {
        repository.minutes.put(key(method, status, start), new UsageTotals(calls, 0, 0, 0));
    }

    private void day(String method, int status, String start, long calls) {
        repository.days.put(key(method, status, start), new UsageTotals(calls, 0, 0, 0));
    }

    private static void put(java.util.Map<UsageKey, UsageTotals> rows, String method, int status, UsageCredential credential, String start,
                            long calls, long latencyMicros) {
        var latency = LatencyHistogram.EMPTY;
        for (int i = 0; i < calls && latencyMicros > 0; i++) {
            latency = latency.plus(LatencyHistogram.of(latencyMicros));
        }
        rows.put(new UsageKey("my-project", "posts", method, status, credential, Instant.parse(start)),
                new UsageTotals(calls, 0, 0, calls * latencyMicros, latency));
    }

    private static UsageKey key(String method, int status, String start) {
        return new UsageKey("my-project", "posts", method, status, KEY_1, Instant.parse(start));
    }
}
