package dev.tollgate.server.console;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * What a project's dashboard shows for a range: per API, its calls, their errors by status class
 * and their median and 95th-percentile latency; and the calls per API in each bucket of the range.
 *
 * @param chartJson the buckets as Chart.js data ({@code labels}, {@code datasets}), for the chart's data attribute
 */
public record Dashboard(DashboardRange range, List<ApiTraffic> apis, List<String> bucketLabels, String chartJson) {

    /**
     * @param p50Millis empty when the range has no latencies recorded
     */
    public record ApiTraffic(String name, String title, boolean enabled, long calls, long clientErrors, long serverErrors,
                             String p50Millis, String p95Millis, List<Long> perBucket) {
        public String clientErrorShare() {
            return share(clientErrors);
        }

        public String serverErrorShare() {
            return share(serverErrors);
        }

        public String successShare() {
            return share(calls - clientErrors - serverErrors);
        }

        private String share(long part) {
            if (calls == 0) {
                return "–";
            }
            return BigDecimal.valueOf(part * 100).divide(BigDecimal.valueOf(calls), 1, RoundingMode.HALF_UP).toPlainString() + " %";
        }
    }

    public long totalCalls() {
        return apis.stream().mapToLong(ApiTraffic::calls).sum();
    }
}
