package dev.tollgate.server;

import dev.tollgate.core.store.ExpiredRecords;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once an hour: purges expired codes, device requests, access tokens and sessions a day after they
 * expired, and the ledger's per-minute rows past their retention (per-day rows stay).
 */
final class Housekeeping implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);
    /** Kept a day past expiry, so that a late replay or a clock-skewed check still finds the record. */
    private static final Duration KEEP_AFTER_EXPIRY = Duration.ofDays(1);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tollgate-housekeeping");
        t.setDaemon(true);
        return t;
    });

    Housekeeping(ExpiredRecords records, dev.tollgate.core.metering.UsageLedger ledger, Clock clock) {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                int removed = records.purgeExpiredBefore(clock.instant().minus(KEEP_AFTER_EXPIRY)) + ledger.purgeExpiredMinutes();
                if (removed > 0) {
                    LOG.info("Removed {} expired records", removed);
                }
            } catch (RuntimeException e) {
                LOG.warn("Housekeeping failed; it will try again", e);
            }
        }, 1, 60, TimeUnit.MINUTES);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
