package dev.tollgate.core.billing;

import java.util.Optional;

public interface BillingAccountRepository {
    Optional<BillingAccount> find(String projectId);

    void put(BillingAccount account);
}
