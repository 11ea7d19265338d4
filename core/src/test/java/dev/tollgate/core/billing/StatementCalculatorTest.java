package dev.tollgate.core.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.catalog.CatalogLoader;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementCalculatorTest {
    private final StatementCalculator calculator = new StatementCalculator(CatalogLoader.builtIn(), s -> s >= 200 && s < 300);
    private static final YearMonth MONTH = YearMonth.of(2026, 11);

    @Test
    void freeCallsGoToMethodsInCatalogOrderAndOnlyBillableStatusesAreCharged() {
        // posts: 1000 free calls a month; list 0.40, get 0.20, insert 1.00 per 1000.
        Statement s = calculator.statement("p", MONTH, List.of(
                new MonthlyUsage.Calls("posts", "posts.people.posts.list", 200, 900),
                new MonthlyUsage.Calls("posts", "posts.people.posts.list", 429, 50),
                new MonthlyUsage.Calls("posts", "posts.posts.get", 200, 2600),
                new MonthlyUsage.Calls("posts", "posts.posts.get", 404, 7),
                new MonthlyUsage.Calls("posts", "posts.people.posts.insert", 200, 1234),
                new MonthlyUsage.Calls("calendar", "calendar.events.list", 200, 99)));
        assertThat(s.lines()).extracting(Statement.Line::method, Statement.Line::calls, Statement.Line::billableCalls, Statement.Line::freeCalls)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("posts.people.posts.list", 950L, 900L, 900L),
                        org.assertj.core.groups.Tuple.tuple("posts.posts.get", 2607L, 2600L, 100L),
                        org.assertj.core.groups.Tuple.tuple("posts.people.posts.insert", 1234L, 1234L, 0L),
                        org.assertj.core.groups.Tuple.tuple("calendar.events.list", 99L, 99L, 0L));
        assertThat(s.lines()).extracting(l -> l.amount().toPlainString()).containsExactly("0.00", "0.50", "1.23", "0.00");
        assertThat(s.total()).isEqualByComparingTo("1.73");
        assertThat(s.lines().stream().map(Statement.Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo(s.total());
        assertThat(s.currency()).isEqualTo("USD");
    }

    @Test
    void noUsageIsAnEmptyStatementWithZeroTotal() {
        Statement s = calculator.statement("p", MONTH, List.of());
        assertThat(s.lines()).isEmpty();
        assertThat(s.total().toPlainString()).isEqualTo("0.00");
    }

    @Test
    void largeCountsStayExact() {
        Statement s = calculator.statement("p", MONTH, List.of(new MonthlyUsage.Calls("posts", "posts.people.posts.insert", 200, 9_000_000_000_001L)));
        // (9e12 + 1 - 1000 free) calls at 1.00 per 1000 = 8,999,999,999.001 → 8,999,999,999.00
        assertThat(s.total().toPlainString()).isEqualTo("8999999999.00");
    }
}
