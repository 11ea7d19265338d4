package dev.tollgate.core.quota;

import dev.tollgate.core.catalog.QuotaLimits;
import java.util.Optional;

/** The limits every API has, with the names the quotas API shows. */
public enum QuotaMetric {
    REQUESTS_PER_MINUTE_PER_PROJECT("requests-per-minute-per-project", QuotaWindow.MINUTE, false),
    REQUESTS_PER_DAY_PER_PROJECT("requests-per-day-per-project", QuotaWindow.DAY, false),
    REQUESTS_PER_MINUTE_PER_USER("requests-per-minute-per-user", QuotaWindow.MINUTE, true);

    private final String limitName;
    private final QuotaWindow window;
    private final boolean perUser;

    QuotaMetric(String limitName, QuotaWindow window, boolean perUser) {
        this.limitName = limitName;
        this.window = window;
        this.perUser = perUser;
    }

    public String limitName() { return limitName; }

    public QuotaWindow window() { return window; }

    public boolean perUser() { return perUser; }

    public long catalogLimit(QuotaLimits limits) {
        return switch (this) {
            case REQUESTS_PER_MINUTE_PER_PROJECT -> limits.requestsPerMinutePerProject();
            case REQUESTS_PER_DAY_PER_PROJECT -> limits.requestsPerDayPerProject();
            case REQUESTS_PER_MINUTE_PER_USER -> limits.requestsPerMinutePerUser();
        };
    }

    public static Optional<QuotaMetric> byName(String name) {
        for (QuotaMetric m : values()) {
            if (m.limitName.equals(name)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
