package dev.tollgate.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.metering.CredentialKind;
import dev.tollgate.core.metering.UsageCredential;
import dev.tollgate.core.metering.UsageRow;
import dev.tollgate.core.metering.UsageTotals;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The metrics page's {@code ?range=&credential=&method=}: what it narrows the calls to, and what it ignores. */
class MetricsFilterTest {
    static UsageRow row(UsageCredential credential, String method) {
        return new UsageRow(Optional.of("posts"), Optional.of(method), Optional.of(200), Optional.of(credential), UsageTotals.NONE);
    }

    @Test
    void credentialOfEachKindNarrowsTheCallsToIt() {
        var key = UsageCredential.of(CredentialKind.KEY, "k1");
        var filter = MetricsFilter.parse("7d", "key:k1", null);
        assertThat(filter.range()).isEqualTo(DashboardRange.WEEK);
        assertThat(filter.admits(row(key, "posts.posts.get"))).isTrue();
        assertThat(filter.admits(row(UsageCredential.of(CredentialKind.CLIENT, "k1"), "posts.posts.get"))).as("a client of the same id").isFalse();
        assertThat(MetricsFilter.parse(null, "serviceAccount:bot@p.iam", null).credential())
                .contains(UsageCredential.of(CredentialKind.SERVICE_ACCOUNT, "bot@p.iam"));
        assertThat(MetricsFilter.parse(null, "client:c-1", null).credentialValue()).isEqualTo("client:c-1");
    }

    @Test
    void methodNarrowsTheCallsToIt() {
        var filter = MetricsFilter.parse(null, "", "posts.posts.get");
        var key = UsageCredential.of(CredentialKind.KEY, "k1");
        assertThat(filter.admits(row(key, "posts.posts.get"))).isTrue();
        assertThat(filter.admits(row(key, "posts.people.posts.list"))).isFalse();
    }

    @Test
    void unknownRangeOrMalformedCredentialShowsTheLastDayOfEveryCall() {
        var filter = MetricsFilter.parse("forever", "password:x", " ");
        assertThat(filter.range()).isEqualTo(DashboardRange.DAY);
        assertThat(filter.credential()).isEmpty();
        assertThat(filter.method()).isEmpty();
        assertThat(MetricsFilter.parse(null, "key:", null).credential()).isEmpty();
        assertThat(MetricsFilter.parse(null, "no colon", null).credential()).isEmpty();
    }

    @Test
    void rangeLinksKeepTheFilter() {
        var filter = MetricsFilter.parse("1h", "serviceAccount:bot@p.iam", "posts.posts.get");
        assertThat(filter.query(DashboardRange.MONTH)).isEqualTo("range=30d&credential=serviceAccount%3Abot%40p.iam&method=posts.posts.get");
    }
}
