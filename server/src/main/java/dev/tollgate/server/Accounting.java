package dev.tollgate.server;

import dev.tollgate.core.billing.BillingGate;
import dev.tollgate.core.billing.BillingService;
import dev.tollgate.core.billing.MonthlyUsage;
import dev.tollgate.core.billing.StatementCalculator;
import dev.tollgate.core.catalog.ApiCatalog;
import dev.tollgate.core.metering.LedgerSettings;
import dev.tollgate.core.metering.UsageLedger;
import dev.tollgate.core.project.ProjectPermissions;
import dev.tollgate.core.quota.ProjectQuotas;
import dev.tollgate.core.quota.QuotaAdmission;
import dev.tollgate.core.quota.QuotaService;
import java.time.Clock;

/**
 * The accounting part of a node: this node's journal and its drain into the ledger, quotas and
 * billing. Closing it drains the journal into the ledger, so it closes before the stores.
 */
record Accounting(LedgerSettings ledgerSettings, Metering metering, UsageLedger usageLedger, QuotaAdmission quota,
                  QuotaService quotaService, BillingGate billingGate, BillingService billingService) implements AutoCloseable {

    static Accounting start(ServerConfig config, Stores stores, SharedState shared, ApiCatalog catalog, ProjectPermissions permissions,
                            Clock clock) {
        var ledgerSettings = new LedgerSettings(config.quotaDayZone(), config.accounting().minuteRetention());
        var usageLedger = new UsageLedger(stores.ledger(), ledgerSettings, clock);
        MonthlyUsage monthlyUsage = (projectId, month) -> usageLedger.monthlyCalls(projectId, month, ledgerSettings.dayZone()).stream()
                .map(c -> new MonthlyUsage.Calls(c.api(), c.method(), c.status(), c.calls())).toList();
        var statements = new StatementCalculator(catalog, config.accounting().billableStatuses());
        var bus = shared.bus();
        var billingGate = new BillingGate(stores.billingAccounts(), monthlyUsage, statements, bus, clock);
        var billingService = new BillingService(stores.billingAccounts(), monthlyUsage, statements, permissions, bus);
        var quota = new QuotaAdmission(shared.quotaCounters(), new ProjectQuotas(stores.quotaOverrides(), bus), clock, config.quotaDayZone());
        var quotaService = new QuotaService(stores.quotaOverrides(), permissions, catalog, bus);
        // Last: the journal is the one resource this part holds.
        var metering = Metering.start(config.dataDir(), stores.ledger(), ledgerSettings, clock);
        return new Accounting(ledgerSettings, metering, usageLedger, quota, quotaService, billingGate, billingService);
    }

    @Override
    public void close() {
        metering.close();
    }
}
