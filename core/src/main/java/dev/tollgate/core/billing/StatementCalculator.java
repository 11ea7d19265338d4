package dev.tollgate.core.billing;

import dev.tollgate.core.catalog.ApiCatalog;
import dev.tollgate.core.catalog.ApiDefinition;
import dev.tollgate.core.catalog.ApiMethod;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Turns a month's calls into a statement, in decimal arithmetic only. Each API's free calls per
 * month go to its methods in catalog order; each line's amount is rounded to the cent, and the
 * total is the sum of the lines, so they always add up.
 */
public final class StatementCalculator {
    public static final String CURRENCY = "USD";
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    private final ApiCatalog catalog;
    private final IntPredicate billableStatus;

    public StatementCalculator(ApiCatalog catalog, IntPredicate billableStatus) {
        this.catalog = catalog;
        this.billableStatus = billableStatus;
    }

    public Statement statement(String projectId, YearMonth month, List<MonthlyUsage.Calls> usage) {
        Map<String, long[]> perMethod = new HashMap<>();
        for (MonthlyUsage.Calls c : usage) {
            long[] counts = perMethod.computeIfAbsent(c.api() + "/" + c.method(), k -> new long[2]);
            counts[0] += c.calls();
            if (billableStatus.test(c.status())) {
                counts[1] += c.calls();
            }
        }
        var lines = new ArrayList<Statement.Line>();
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        for (ApiDefinition api : catalog.apis()) {
            long freeLeft = api.freeCallsPerMonth();
            for (ApiMethod method : api.methods()) {
                long[] counts = perMethod.remove(api.name() + "/" + method.id());
                if (counts == null) {
                    continue;
                }
                long free = Math.min(freeLeft, counts[1]);
                freeLeft -= free;
                BigDecimal amount = method.pricePer1000().multiply(BigDecimal.valueOf(counts[1] - free))
                        .divide(THOUSAND, 2, RoundingMode.HALF_UP);
                lines.add(new Statement.Line(api.name(), method.id(), counts[0], counts[1], free, method.pricePer1000(), amount));
                total = total.add(amount);
            }
        }
        // Calls of methods no longer in the catalog are shown, at no charge.
        perMethod.forEach((k, counts) -> lines.add(new Statement.Line(k.substring(0, k.indexOf('/')), k.substring(k.indexOf('/') + 1),
                counts[0], counts[1], 0, BigDecimal.ZERO, BigDecimal.ZERO.setScale(2))));
        return new Statement(projectId, month, CURRENCY, List.copyOf(lines), total);
    }
}
