package dev.tollgate.store.jdbc;

import dev.tollgate.core.billing.BillingAccount;
import dev.tollgate.core.billing.BillingAccountRepository;
import java.math.BigDecimal;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Budgets are stored as decimal strings, so no floating point ever touches money. */
public final class JdbcBillingAccountRepository implements BillingAccountRepository {
    private final Jdbi jdbi;

    public JdbcBillingAccountRepository(Database db) {
        this.jdbi = db.jdbi();
    }

    @Override
    public Optional<BillingAccount> find(String projectId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM billing_accounts WHERE project_id = ?").bind(0, projectId)
                .map((rs, ctx) -> new BillingAccount(rs.getString("project_id"), rs.getBoolean("enabled"),
                        Optional.ofNullable(rs.getString("monthly_budget")).map(BigDecimal::new))).findOne());
    }

    @Override
    public void put(BillingAccount a) {
        String budget = a.monthlyBudget().map(BigDecimal::toPlainString).orElse(null);
        Database.upsert(jdbi, "the billing account of " + a.projectId(), h -> h.createUpdate("UPDATE billing_accounts SET enabled = ?, monthly_budget = ? WHERE project_id = ?")
                        .bind(0, a.enabled()).bind(1, budget).bind(2, a.projectId()).execute(),
                h -> h.createUpdate("INSERT INTO billing_accounts (project_id, enabled, monthly_budget) VALUES (?, ?, ?)")
                            .bind(0, a.projectId()).bind(1, a.enabled()).bind(2, budget).execute());
    }
}
