package dev.tollgate.client.admin;

import java.util.Optional;

/**
 * What {@link AdminClient#updateBilling} changes: billing on or off, and the monthly budget set or removed;
 * what is left empty stays as it is.
 *
 * @param enabled billing on or off, or empty to leave it
 * @param monthlyBudget empty to leave the budget, a decimal string such as {@code "250.00"} to set it, or
 *        {@code Optional.of("")} to remove it
 */
public record BillingUpdate(Optional<Boolean> enabled, Optional<String> monthlyBudget) {
    public BillingUpdate {
        enabled = enabled == null ? Optional.empty() : enabled;
        monthlyBudget = monthlyBudget == null ? Optional.empty() : monthlyBudget;
    }

    /** Nothing changed yet. */
    public static BillingUpdate none() {
        return new BillingUpdate(Optional.empty(), Optional.empty());
    }

    /** Turns billing on or off. */
    public BillingUpdate enabled(boolean on) {
        return new BillingUpdate(Optional.of(on), monthlyBudget);
    }

    /** Sets the monthly budget, a decimal string such as {@code "250.00"}. */
    public BillingUpdate monthlyBudget(String amount) {
        return new BillingUpdate(enabled, Optional.of(amount));
    }

    /** Removes the monthly budget. */
    public BillingUpdate clearMonthlyBudget() {
        return new BillingUpdate(enabled, Optional.of(""));
    }

    /** Whether anything would change. */
    public boolean isEmpty() {
        return enabled.isEmpty() && monthlyBudget.isEmpty();
    }
}
