package dev.tollgate.server.console;

import dev.tollgate.core.billing.BillingAccount;
import dev.tollgate.core.billing.Statement;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The billing page: the project's billing settings, this month so far and where it is heading, and
 * the months that have statements.
 *
 * @param canChange whether the person may change billing: its owners only, as the admin API says
 * @param months    the months since the project was created, newest first
 */
public record Billing(BillingAccount account, boolean canChange, Statement thisMonth, BigDecimal projection, Paging<YearMonth> months) {

    /**
     * The month's amount if the calls go on at the pace of the month so far: what is charged so far,
     * scaled by the share of the month that has passed.
     */
    static BigDecimal projection(BigDecimal monthToDate, YearMonth month, Instant now) {
        Instant start = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        long passed = Math.max(1, Duration.between(start, now).toSeconds());
        long length = Duration.between(start, end).toSeconds();
        if (passed >= length) {
            return monthToDate.setScale(2, RoundingMode.HALF_UP);
        }
        return monthToDate.multiply(BigDecimal.valueOf(length)).divide(BigDecimal.valueOf(passed), 2, RoundingMode.HALF_UP);
    }

    /** Every month from the one the project was created in to {@code current}, newest first. */
    static List<YearMonth> months(Instant created, YearMonth current) {
        YearMonth first = YearMonth.from(created.atZone(ZoneOffset.UTC));
        var months = new ArrayList<YearMonth>();
        for (YearMonth m = current; !m.isBefore(first); m = m.minusMonths(1)) {
            months.add(m);
        }
        return months;
    }

    public boolean overBudget() {
        return account.monthlyBudget().map(b -> thisMonth.total().compareTo(b) >= 0).orElse(false);
    }
}
