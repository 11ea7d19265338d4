package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatusRangesTest {

    @Test
    void rangesAndSingleStatusesAreBillable() {
        IntPredicate billable = StatusRanges.parse("200-299, 304");
        assertThat(billable.test(200)).isTrue();
        assertThat(billable.test(299)).isTrue();
        assertThat(billable.test(304)).isTrue();
        assertThat(billable.test(300)).isFalse();
        assertThat(billable.test(429)).isFalse();
        assertThat(billable.test(-1)).isFalse();
        assertThat(billable.test(10_000)).isFalse();
    }

    @Test
    void aChargeThatWasNeverSettledIsBillableWhateverTheRanges() {
        assertThat(StatusRanges.parse("200-299").test(dev.tollgate.core.metering.UsageRecord.NO_OUTCOME)).isTrue();
        assertThat(StatusRanges.parse("500").test(dev.tollgate.core.metering.UsageRecord.NO_OUTCOME)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "2xx", "99", "600", "300-200", "200-", "-200", "200--299", "1e3", "200,,300"})
    void anythingElseStopsTheStartWithAClearMessage(String text) {
        assertThatThrownBy(() -> StatusRanges.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--billable-statuses");
    }
}
