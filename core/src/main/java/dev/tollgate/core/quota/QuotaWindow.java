package dev.tollgate.core.quota;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/** Clock-aligned windows: a minute starts at :00 seconds; a day at midnight in the configured time zone. */
public enum QuotaWindow {
    MINUTE, DAY;

    public String wireName() {
        return this == MINUTE ? "minute" : "day";
    }

    public Instant start(Instant now, ZoneId dayZone) {
        return this == MINUTE ? now.truncatedTo(ChronoUnit.MINUTES) : now.atZone(dayZone).truncatedTo(ChronoUnit.DAYS).toInstant();
    }

    public Instant end(Instant now, ZoneId dayZone) {
        return this == MINUTE ? start(now, dayZone).plus(1, ChronoUnit.MINUTES)
                : now.atZone(dayZone).truncatedTo(ChronoUnit.DAYS).plusDays(1).toInstant();
    }
}
