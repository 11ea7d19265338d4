package dev.tollgate.core.catalog;

/** Request rate limits of one API, applied per consumer project and per end user. */
public record QuotaLimits(long requestsPerMinutePerProject, long requestsPerDayPerProject, long requestsPerMinutePerUser) {

    public static final QuotaLimits DEFAULT = new QuotaLimits(600, 100_000, 60);

    public QuotaLimits {
        CatalogRules.checkAtLeast("requestsPerMinutePerProject", requestsPerMinutePerProject, 1);
        CatalogRules.checkAtLeast("requestsPerDayPerProject", requestsPerDayPerProject, 1);
        CatalogRules.checkAtLeast("requestsPerMinutePerUser", requestsPerMinutePerUser, 1);
    }
}
