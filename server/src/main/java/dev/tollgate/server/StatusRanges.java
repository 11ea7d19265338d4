package dev.tollgate.server;

import dev.tollgate.core.metering.UsageRecord;
import java.util.BitSet;
import java.util.function.IntPredicate;

/**
 * HTTP status sets written like {@code 200-299,304}: which answered calls are billable. A call charged
 * but never settled ({@link UsageRecord#NO_OUTCOME}: the node stopped while the backend answered) is
 * always billable, since the backend may have done the work.
 */
final class StatusRanges {
    private StatusRanges() {}

    static IntPredicate parse(String text) {
        if (text == null || text.isBlank() || text.length() > 200) {
            throw new IllegalArgumentException("--billable-statuses must list statuses or ranges, like 200-299,304");
        }
        BitSet statuses = new BitSet(600);
        for (String part : text.split(",")) {
            String p = part.strip();
            int dash = p.indexOf('-');
            try {
                int from = Integer.parseInt(dash < 0 ? p : p.substring(0, dash));
                int to = dash < 0 ? from : Integer.parseInt(p.substring(dash + 1));
                if (from < 100 || to > 599 || from > to) {
                    throw new NumberFormatException();
                }
                statuses.set(from, to + 1);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--billable-statuses: '" + p + "' is not a status from 100 to 599 or a range of them");
            }
        }
        return status -> status == UsageRecord.NO_OUTCOME || (status > 0 && statuses.get(status));
    }
}
