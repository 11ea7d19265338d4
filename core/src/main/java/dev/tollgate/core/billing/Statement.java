package dev.tollgate.core.billing;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

/** A month's statement: one line per method; the lines' amounts add up to the total. */
public record Statement(String projectId, YearMonth month, String currency, List<Line> lines, BigDecimal total) {
    public record Line(String service, String method, long calls, long billableCalls, long freeCalls,
                       BigDecimal unitPricePer1000, BigDecimal amount) {}
}
