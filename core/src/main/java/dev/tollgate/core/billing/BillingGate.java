package dev.tollgate.core.billing;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.tollgate.core.access.Caller;
import dev.tollgate.core.cache.Invalidation;
import dev.tollgate.core.cache.InvalidationBus;
import dev.tollgate.core.catalog.MethodMatch;
import dev.tollgate.protocol.ApiError;
import dev.tollgate.protocol.ApiException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses paid methods with BILLING_DISABLED when a project's billing is off and its free calls
 * are used up, or when its month has reached its budget. The month so far comes from the ledger,
 * re-read in the background every few seconds, so the hot path reads only memory; a project can
 * pass its free calls or budget by what it spends in those seconds.
 */
public final class BillingGate {
    private static final Duration REFRESH = Duration.ofSeconds(5);

    private record State(BillingAccount account, BigDecimal monthToDate, Map<String, Long> billableByApi) {}

    private final LoadingCache<String, State> states;

    public BillingGate(BillingAccountRepository accounts, MonthlyUsage usage, StatementCalculator calculator,
                       InvalidationBus bus, Clock clock) {
        this.states = Caffeine.newBuilder().maximumSize(100_000).refreshAfterWrite(REFRESH).expireAfterAccess(Duration.ofHours(1))
                .build(projectId -> {
                    YearMonth month = YearMonth.now(clock.withZone(ZoneOffset.UTC));
                    var calls = usage.of(projectId, month);
                    Statement statement = calculator.statement(projectId, month, calls);
                    Map<String, Long> billable = new HashMap<>();
                    for (Statement.Line line : statement.lines()) {
                        billable.merge(line.service(), line.billableCalls(), Long::sum);
                    }
                    return new State(accounts.find(projectId).orElse(BillingAccount.defaultFor(projectId)), statement.total(), billable);
                });
        bus.subscribe(i -> {
            if (i instanceof Invalidation.Project p) {
                states.invalidate(p.projectId());
            } else if (i instanceof Invalidation.AllKeys) {
                states.invalidateAll();
            }
        });
    }

    public void check(Caller caller, MethodMatch match) {
        if (match.method().pricePer1000().signum() == 0) {
            return;
        }
        State state = states.get(caller.projectId());
        Optional<BigDecimal> budget = state.account().monthlyBudget();
        if (!state.account().enabled()) {
            long used = state.billableByApi().getOrDefault(match.api().name(), 0L);
            if (used >= match.api().freeCallsPerMonth()) {
                throw refusal(caller, match, "Billing is disabled for project " + caller.projectId()
                        + " and this month's " + match.api().freeCallsPerMonth() + " free calls of " + match.api().name() + " are used up.");
            }
        } else if (budget.isPresent() && state.monthToDate().compareTo(budget.get()) >= 0) {
            throw refusal(caller, match, "Project " + caller.projectId() + " has reached its monthly budget of " + budget.get() + " "
                    + StatementCalculator.CURRENCY + ".");
        }
    }

    private static ApiException refusal(Caller caller, MethodMatch match, String message) {
        return new ApiException(ApiError.BILLING_DISABLED, message,
                Map.of("consumer", "projects/" + caller.projectNumber(), "service", match.api().name()));
    }
}
