package dev.tollgate.core.billing;

import java.math.BigDecimal;
import java.util.Optional;

/** A project's billing: on or off, and an optional cap on a month's amount. */
public record BillingAccount(String projectId, boolean enabled, Optional<BigDecimal> monthlyBudget) {
    public static BillingAccount defaultFor(String projectId) {
        return new BillingAccount(projectId, false, Optional.empty());
    }
}
