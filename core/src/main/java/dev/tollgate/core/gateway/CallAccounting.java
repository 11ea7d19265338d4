package dev.tollgate.core.gateway;

import dev.tollgate.core.access.Caller;
import dev.tollgate.core.billing.BillingGate;
import dev.tollgate.core.catalog.MethodMatch;
import dev.tollgate.core.metering.UsageRecord;
import dev.tollgate.core.quota.QuotaAdmission;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The accounting steps of a gateway call: admission (quota, then billing), charge, settlement, record. */
public interface CallAccounting {
    /**
     * Admits the call under its quotas and billing, or throws the refusal. A call the billing gate
     * refuses gives back the quota it took: it was never served.
     *
     * @return the allowance left, for the answer's {@code X-RateLimit-*} headers, when quotas apply
     */
    Admitted admit(Caller caller, MethodMatch match, Optional<String> quotaUser);

    /** Gives back what an admission took, for a call refused after it. */
    void giveBack(Admitted admitted);

    /** @see CallMeter#charge */
    CompletionStage<Optional<UsageRecord>> charge(Caller caller, MethodMatch match, long bytesIn);

    /** @see CallMeter#settle */
    void settle(Optional<UsageRecord> charge, int status, long bytesOut, long latencyMicros);

    /** @see CallMeter#record */
    CompletionStage<Void> record(Caller caller, String api, String methodId, int status, long bytesIn, long latencyMicros);

    /** What an admission took and left. */
    record Admitted(Optional<QuotaAdmission.Admission> admission) {
        public Optional<QuotaAdmission.Allowance> allowance() {
            return admission.map(QuotaAdmission.Admission::allowance);
        }
    }

    /** The product's accounting: quotas, billing, the journal. */
    static CallAccounting charged(QuotaAdmission quota, BillingGate billing, CallMeter meter) {
        return new CallAccounting() {
            @Override
            public Admitted admit(Caller caller, MethodMatch match, Optional<String> quotaUser) {
                QuotaAdmission.Admission admission = quota.admit(caller, match, quotaUser);
                try {
                    billing.check(caller, match);
                } catch (RuntimeException e) {
                    quota.release(admission);
                    throw e;
                }
                return new Admitted(Optional.of(admission));
            }

            @Override
            public void giveBack(Admitted admitted) {
                admitted.admission().ifPresent(quota::release);
            }

            @Override
            public CompletionStage<Optional<UsageRecord>> charge(Caller caller, MethodMatch match, long bytesIn) {
                return meter.charge(caller, match, bytesIn).thenApply(Optional::of);
            }

            @Override
            public void settle(Optional<UsageRecord> charge, int status, long bytesOut, long latencyMicros) {
                charge.ifPresent(c -> meter.settle(c, status, bytesOut, latencyMicros));
            }

            @Override
            public CompletionStage<Void> record(Caller caller, String api, String methodId, int status, long bytesIn, long latencyMicros) {
                return meter.record(caller, api, methodId, status, bytesIn, latencyMicros);
            }
        };
    }

    /** No accounting at all: only for a benchmark harness that measures what accounting costs. */
    CallAccounting NONE = new CallAccounting() {
        @Override
        public Admitted admit(Caller caller, MethodMatch match, Optional<String> quotaUser) {
            return new Admitted(Optional.empty());
        }

        @Override
        public void giveBack(Admitted admitted) {
        }

        @Override
        public CompletionStage<Optional<UsageRecord>> charge(Caller caller, MethodMatch match, long bytesIn) {
            return CompletableFuture.completedFuture(Optional.empty());
        }

        @Override
        public void settle(Optional<UsageRecord> charge, int status, long bytesOut, long latencyMicros) {
        }

        @Override
        public CompletionStage<Void> record(Caller caller, String api, String methodId, int status, long bytesIn, long latencyMicros) {
            return CompletableFuture.completedFuture(null);
        }
    };
}
