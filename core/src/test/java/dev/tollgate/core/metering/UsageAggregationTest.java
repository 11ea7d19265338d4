package dev.tollgate.core.metering;

import static dev.tollgate.core.metering.Records.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UsageAggregationTest {
    private static final Instant T = Instant.parse("2026-03-10T12:00:00Z");

    @Test
    void callsOfTheSameMethodStatusAndMinuteAddUp() {
        var aggregation = new UsageAggregation(ZoneOffset.UTC);
        aggregation.add(record("posts.get", 200, T.plusSeconds(1), 10, 100, 1000));
        aggregation.add(record("posts.get", 200, T.plusSeconds(59), 20, 200, 2000));
        aggregation.add(record("posts.get", 200, T.plusSeconds(60), 40, 400, 4000));
        aggregation.add(record("posts.get", 404, T.plusSeconds(2), 1, 1, 1));

        assertThat(aggregation.records()).isEqualTo(4);
        assertThat(aggregation.minutes()).containsOnly(
                entry("posts.get", 200, T, new UsageTotals(2, 30, 300, 3000, latencies(1000, 2000))),
                entry("posts.get", 200, T.plusSeconds(60), new UsageTotals(1, 40, 400, 4000, latencies(4000))),
                entry("posts.get", 404, T, new UsageTotals(1, 1, 1, 1, latencies(1))));
        Instant midnight = Instant.parse("2026-03-10T00:00:00Z");
        assertThat(aggregation.days()).containsOnly(
                entry("posts.get", 200, midnight, new UsageTotals(3, 70, 700, 7000, latencies(1000, 2000, 4000))),
                entry("posts.get", 404, midnight, new UsageTotals(1, 1, 1, 1, latencies(1))));
    }

    @Test
    void eachCredentialHasRowsOfItsOwnWithItsOwnLatencies() {
        var aggregation = new UsageAggregation(ZoneOffset.UTC);
        aggregation.add(record("posts.get", 200, T, CredentialKind.KEY, "key-a", 300));
        aggregation.add(record("posts.get", 200, T, CredentialKind.KEY, "key-a", 40_000));
        aggregation.add(record("posts.get", 200, T, CredentialKind.KEY, "key-b", 300));
        aggregation.add(record("posts.get", 200, T, CredentialKind.SERVICE_ACCOUNT, "bot@my-project.iam", 300));
        aggregation.add(record("posts.get", 200, T, CredentialKind.CLIENT, "key-a", 300));

        assertThat(aggregation.minutes()).hasSize(4);
        assertThat(aggregation.minutes().get(key(CredentialKind.KEY, "key-a", T)).latency()).isEqualTo(latencies(300, 40_000));
        assertThat(aggregation.minutes().get(key(CredentialKind.KEY, "key-b", T)).calls()).isEqualTo(1);
        assertThat(aggregation.minutes().get(key(CredentialKind.CLIENT, "key-a", T)).calls())
                .as("the same id of another kind is another credential").isEqualTo(1);
        Instant midnight = Instant.parse("2026-03-10T00:00:00Z");
        assertThat(aggregation.days().get(key(CredentialKind.KEY, "key-a", midnight)))
                .isEqualTo(new UsageTotals(2, 20, 200, 40_300, latencies(300, 40_000)));
        assertThat(aggregation.days().get(key(CredentialKind.SERVICE_ACCOUNT, "bot@my-project.iam", midnight)).calls()).isEqualTo(1);
    }

    @Test
    void projectsAndMethodsAreKeptApart() {
        var aggregation = new UsageAggregation(ZoneOffset.UTC);
        aggregation.add(call("project-a", "posts.get", 200, T));
        aggregation.add(call("project-b", "posts.get", 200, T));
        aggregation.add(call("project-a", "posts.list", 200, T));
        aggregation.add(call("project-a", "calendar.events.list", 200, T));

        assertThat(aggregation.minutes()).hasSize(4).allSatisfy((k, v) -> assertThat(v.calls()).isEqualTo(1));
        assertThat(aggregation.minutes().keySet()).extracting(UsageKey::api).containsOnly("posts", "calendar");
    }

    @Test
    void daysBeginAtMidnightOfTheGivenZone() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        var aggregation = new UsageAggregation(paris);
        aggregation.add(call("my-project", "posts.get", 200, Instant.parse("2026-03-10T22:59:59Z")));
        aggregation.add(call("my-project", "posts.get", 200, Instant.parse("2026-03-10T23:00:00Z")));

        assertThat(aggregation.days().keySet()).extracting(UsageKey::start).containsExactlyInAnyOrder(
                Instant.parse("2026-03-09T23:00:00Z"), Instant.parse("2026-03-10T23:00:00Z"));
    }

    @Test
    void aDayOfTwentyThreeHoursEndsAtTheNextMidnight() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        var aggregation = new UsageAggregation(paris);
        aggregation.add(call("my-project", "posts.get", 200, Instant.parse("2026-03-29T00:30:00Z")));
        aggregation.add(call("my-project", "posts.get", 200, Instant.parse("2026-03-29T21:59:59Z")));
        aggregation.add(call("my-project", "posts.get", 200, Instant.parse("2026-03-29T22:00:00Z")));

        assertThat(aggregation.days()).containsOnly(
                entry("my-project", "posts.get", 200, Instant.parse("2026-03-28T23:00:00Z"), 2),
                entry("my-project", "posts.get", 200, Instant.parse("2026-03-29T22:00:00Z"), 1));
        assertThat(UsageAggregation.nextDayStart(Instant.parse("2026-03-28T23:00:00Z"), paris))
                .isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
    }

    @Test
    void recordsOutOfTimeOrderStillLandInTheirOwnDay() {
        var aggregation = new UsageAggregation(ZoneOffset.UTC);
        aggregation.add(call("my-project", "posts.get", 200, Instant.parse("2026-03-11T00:00:01Z")));
        aggregation.add(call("my-project", "posts.get", 200, Instant.parse("2026-03-10T23:59:59Z")));
        aggregation.add(call("my-project", "posts.get", 200, Instant.parse("2026-03-11T00:00:02Z")));

        assertThat(aggregation.days()).containsOnly(
                entry("my-project", "posts.get", 200, Instant.parse("2026-03-10T00:00:00Z"), 1),
                entry("my-project", "posts.get", 200, Instant.parse("2026-03-11T00:00:00Z"), 2));
    }

    @Test
    void chargeSettledInTheSameBatchCountsOnceUnderItsOutcome() {
        var aggregation = new UsageAggregation(ZoneOffset.UTC);
        UsageRecord charge = charge(T.plusSeconds(5));
        aggregation.add(charge);
        aggregation.add(charge.settled(201, 300, 40));

        assertThat(aggregation.minutes()).containsOnly(entry("posts.insert", 201, T, new UsageTotals(1, 100, 300, 40, LatencyHistogram.of(40))));
        assertThat(aggregation.days()).hasSize(1);
    }

    @Test
    void chargeSettledInALaterBatchMovesFromNoOutcomeToItsStatus() {
        var first = new UsageAggregation(ZoneOffset.UTC);
        UsageRecord charge = charge(T.plusSeconds(5));
        first.add(charge);
        var second = new UsageAggregation(ZoneOffset.UTC);
        second.add(charge.settled(200, 300, 40));

        assertThat(first.minutes()).containsOnly(entry("posts.insert", UsageRecord.NO_OUTCOME, T, new UsageTotals(1, 100, 0, 0)));
        assertThat(second.minutes()).containsOnly(
                entry("posts.insert", UsageRecord.NO_OUTCOME, T, new UsageTotals(-1, -100, 0, 0)),
                entry("posts.insert", 200, T, new UsageTotals(1, 100, 300, 40, LatencyHistogram.of(40))));
    }

    @Test
    void chargeNeverSettledStaysCountedWithoutAnOutcome() {
        var aggregation = new UsageAggregation(ZoneOffset.UTC);
        aggregation.add(charge(T));

        assertThat(aggregation.minutes()).containsOnly(entry("posts.insert", UsageRecord.NO_OUTCOME, T, new UsageTotals(1, 100, 0, 0)));
    }

    private static UsageRecord charge(Instant time) {
        return UsageRecord.charge(UsageRecord.newCallId(), time, "my-project", "posts", "posts.insert", CredentialKind.KEY, "k",
                Optional.empty(), 100);
    }

    private static UsageRecord record(String method, int status, Instant time, long in, long out, long latency) {
        return new UsageRecord(UsageRecord.newCallId(), time, "my-project", "posts", method, CredentialKind.KEY, "k", Optional.empty(),
                status, in, out, latency);
    }

    private static UsageRecord record(String method, int status, Instant time, CredentialKind kind, String credential, long latency) {
        return new UsageRecord(UsageRecord.newCallId(), time, "my-project", "posts", method, kind, credential, Optional.empty(),
                status, 10, 100, latency);
    }

    private static UsageKey key(CredentialKind kind, String credential, Instant start) {
        return new UsageKey("my-project", "posts", "posts.get", 200, UsageCredential.of(kind, credential), start);
    }

    static LatencyHistogram latencies(long... micros) {
        LatencyHistogram h = LatencyHistogram.EMPTY;
        for (long m : micros) {
            h = h.plus(LatencyHistogram.of(m));
        }
        return h;
    }

    private static LatencyHistogram histogram(int bucket, long calls) {
        long[] counts = new long[LatencyHistogram.BUCKETS];
        counts[bucket] = calls;
        return LatencyHistogram.ofCounts(counts);
    }

    private static java.util.Map.Entry<UsageKey, UsageTotals> entry(String method, int status, Instant start, UsageTotals totals) {
        return java.util.Map.entry(new UsageKey("my-project", "posts", method, status, UsageCredential.of(CredentialKind.KEY, "k"), start), totals);
    }

    private static java.util.Map.Entry<UsageKey, UsageTotals> entry(String project, String method, int status, Instant start, long calls) {
        return java.util.Map.entry(new UsageKey(project, "posts", method, status, UsageCredential.of(CredentialKind.KEY, "key-1"), start),
                new UsageTotals(calls, 100 * calls, 2000 * calls, 1500 * calls, histogram(LatencyHistogram.bucketOf(1500), calls)));
    }
}
