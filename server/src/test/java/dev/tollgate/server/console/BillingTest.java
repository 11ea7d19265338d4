package dev.tollgate.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The billing page's projection of the month, and its statements listed newest first, 50 months a page. */
class BillingTest {
    static final YearMonth DECEMBER = YearMonth.of(2026, 12);

    @Test
    void projectionScalesTheMonthSoFarToTheWholeMonth() {
        Instant tenthAtMidnight = Instant.parse("2026-12-11T00:00:00Z"); // 10 of December's 31 days have passed
        assertThat(Billing.projection(new BigDecimal("10.00"), DECEMBER, tenthAtMidnight)).isEqualByComparingTo("31.00");
    }

    @Test
    void projectionAtTheVeryStartOfTheMonthIsWhatIsChargedScaledNotADivisionByZero() {
        assertThat(Billing.projection(BigDecimal.ZERO, DECEMBER, Instant.parse("2026-12-01T00:00:00Z"))).isEqualByComparingTo("0");
    }

    @Test
    void statementsStartAtTheMonthTheProjectWasCreatedNewestFirst() {
        List<YearMonth> months = Billing.months(Instant.parse("2026-10-31T23:59:59Z"), DECEMBER);
        assertThat(months).containsExactly(DECEMBER, YearMonth.of(2026, 11), YearMonth.of(2026, 10));
    }

    @Test
    void moreThanFiftyMonthsOfStatementsArePaged() {
        List<YearMonth> months = Billing.months(Instant.parse("2022-01-15T00:00:00Z"), DECEMBER);
        assertThat(months).hasSize(60);
        Paging<YearMonth> second = Paging.of(months, "2", "/console/projects/p/billing", "months");
        assertThat(second.items()).hasSize(10).startsWith(YearMonth.of(2022, 10)).endsWith(YearMonth.of(2022, 1));
        assertThat(second.hasPrevious()).isTrue();
        assertThat(second.hasNext()).isFalse();
    }
}
