package dev.tollgate.server.gateway;

import dev.tollgate.core.access.Caller;
import dev.tollgate.core.billing.BillingGate;
import dev.tollgate.core.catalog.MethodMatch;
import dev.tollgate.core.quota.QuotaAdmission;
import io.javalin.http.Context;
import java.util.Optional;

/** What the gateway does for accounting around a call it has identified: admission, then metering. */
public interface CallAccounting {
    /**
     * Admits the call under its quotas and billing, or throws the refusal; sets the allowance headers.
     * A call the billing gate refuses gives back the quota it took: it was never served.
     */
    void admit(Context ctx, Caller caller, MethodMatch match, Optional<String> quotaUser);

    /** Records the call's usage before its answer leaves. */
    void record(Caller caller, MethodMatch match, int status, long bytesIn, long bytesOut, long startNanos);

    /** The product's accounting: quotas, billing, the journal. */
    static CallAccounting charged(QuotaAdmission quota, BillingGate billing, CallMeter meter) {
        return new CallAccounting() {
            @Override
            public void admit(Context ctx, Caller caller, MethodMatch match, Optional<String> quotaUser) {
                QuotaAdmission.Admission admission = quota.admit(caller, match, quotaUser);
                try {
                    billing.check(caller, match);
                } catch (RuntimeException e) {
                    quota.release(admission);
                    throw e;
                }
                QuotaAdmission.Allowance allowance = admission.allowance();
                ctx.header("X-RateLimit-Limit", Long.toString(allowance.limit()));
                ctx.header("X-RateLimit-Remaining", Long.toString(allowance.remaining()));
                ctx.header("X-RateLimit-Reset", Long.toString(allowance.resetSeconds()));
            }

            @Override
            public void record(Caller caller, MethodMatch match, int status, long bytesIn, long bytesOut, long startNanos) {
                meter.record(caller, match, status, bytesIn, bytesOut, startNanos);
            }
        };
    }

    /** No accounting at all: only for a benchmark harness that measures what accounting costs. */
    CallAccounting NONE = new CallAccounting() {
        @Override
        public void admit(Context ctx, Caller caller, MethodMatch match, Optional<String> quotaUser) {
        }

        @Override
        public void record(Caller caller, MethodMatch match, int status, long bytesIn, long bytesOut, long startNanos) {
        }
    };
}
