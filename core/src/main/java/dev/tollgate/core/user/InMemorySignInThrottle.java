package dev.tollgate.core.user;

import dev.tollgate.core.counter.LocalQuotaCounters;
import java.time.Clock;

/** The {@link CountingSignInThrottle} of one node, counting in this process (tests, and servers without Redis). */
public final class InMemorySignInThrottle extends CountingSignInThrottle {
    public InMemorySignInThrottle(ThrottleLimits limits, Clock clock) {
        super(new LocalQuotaCounters(clock), limits, clock);
    }
}
