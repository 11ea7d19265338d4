package dev.tollgate.core.billing;

import dev.tollgate.core.RequestTimes;
import dev.tollgate.core.cache.Invalidation;
import dev.tollgate.core.cache.InvalidationBus;
import dev.tollgate.core.principal.Principal;
import dev.tollgate.core.project.ProjectPermissions;
import dev.tollgate.core.project.Role;
import dev.tollgate.protocol.ApiError;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Optional;

/** The billing API: a project's billing settings and its monthly statements. */
public final class BillingService {
    private static final BigDecimal MAX_BUDGET = new BigDecimal("1000000000");

    private final BillingAccountRepository accounts;
    private final MonthlyUsage usage;
    private final StatementCalculator calculator;
    private final ProjectPermissions permissions;
    private final InvalidationBus bus;

    public BillingService(BillingAccountRepository accounts, MonthlyUsage usage, StatementCalculator calculator,
                          ProjectPermissions permissions, InvalidationBus bus) {
        this.accounts = accounts;
        this.usage = usage;
        this.calculator = calculator;
        this.permissions = permissions;
        this.bus = bus;
    }

    public BillingAccount account(Principal caller, String projectId) {
        permissions.require(caller, projectId, Role.VIEWER);
        return accounts.find(projectId).orElse(BillingAccount.defaultFor(projectId));
    }

    /**
     * @param budget empty to keep it; a present empty string removes the cap
     */
    public BillingAccount update(Principal caller, String projectId, Optional<Boolean> enabled, Optional<String> budget) {
        permissions.require(caller, projectId, Role.OWNER);
        BillingAccount current = accounts.find(projectId).orElse(BillingAccount.defaultFor(projectId));
        Optional<BigDecimal> cap = budget.isPresent() ? parseBudget(budget.get()) : current.monthlyBudget();
        var updated = new BillingAccount(projectId, enabled.orElse(current.enabled()), cap);
        accounts.put(updated);
        bus.publish(new Invalidation.Project(projectId));
        return updated;
    }

    public Statement statement(Principal caller, String projectId, String month) {
        permissions.requireRecords(caller, projectId);
        YearMonth ym = RequestTimes.month("The month", month);
        return calculator.statement(projectId, ym, usage.of(projectId, ym));
    }

    private static Optional<BigDecimal> parseBudget(String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (!text.matches("[0-9]{1,10}(\\.[0-9]{1,2})?")) {
                throw new NumberFormatException();
            }
            BigDecimal value = new BigDecimal(text);
            if (value.compareTo(MAX_BUDGET) > 0) {
                throw new NumberFormatException();
            }
            return Optional.of(value.setScale(2));
        } catch (NumberFormatException e) {
            throw ApiError.INVALID_ARGUMENT.exception("monthlyBudget must be a decimal string like \"250.00\", or \"\" for no cap.");
        }
    }
}
