package dev.tollgate.server.console;

import dev.tollgate.core.catalog.ApiDefinition;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * What the metrics page shows of one API's calls in a range, after the filter: by method (with
 * latency percentiles), by status and by credential, and the calls per method over the range.
 *
 * @param credentials the choices of the credential filter: the project's credentials and any other that made calls
 * @param trafficChart the calls per method per bucket as Chart.js data, for the chart's data attribute
 * @param latencyChart the percentiles per method as Chart.js data
 */
public record Metrics(ApiDefinition api, MetricsFilter filter, List<CredentialName> credentials, long totalCalls,
                      List<MethodLine> byMethod, List<StatusLine> byStatus, Paging<CredentialLine> byCredential,
                      List<String> bucketLabels, String trafficChart, String latencyChart) {

    /** A method's calls; the percentiles are "–" when no latency was recorded. */
    public record MethodLine(String method, long calls, long errors, String p50, String p95, String p99, List<Long> perBucket) {
        public String errorShare() {
            return share(errors, calls);
        }
    }

    public record StatusLine(int status, long calls, String share) {
        public String statusClass() {
            return status >= 500 ? "Server error" : status >= 400 ? "Client error" : "Success";
        }
    }

    public record CredentialLine(CredentialName credential, long calls, long errors) {
        public String errorShare() {
            return share(errors, calls);
        }
    }

    static String share(long part, long whole) {
        if (whole == 0) {
            return "–";
        }
        return BigDecimal.valueOf(part * 100).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP).toPlainString() + " %";
    }
}
