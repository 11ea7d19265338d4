package dev.tollgate.core.metering;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * How the ledger keeps time.
 *
 * @param dayZone where the ledger's days begin at midnight; changing it later leaves old days as they were
 * @param minuteRetention how long per-minute rows are kept; per-day rows are kept for good
 */
public record LedgerSettings(ZoneId dayZone, Duration minuteRetention) {
    public static final LedgerSettings DEFAULT = new LedgerSettings(ZoneOffset.UTC, Duration.ofDays(35));

    public LedgerSettings {
        Objects.requireNonNull(dayZone, "dayZone");
        Objects.requireNonNull(minuteRetention, "minuteRetention");
        if (minuteRetention.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("minutes must be kept at least a day, or even today's usage could only be answered in whole days");
        }
    }
}
