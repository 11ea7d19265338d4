package dev.tollgate.core.session;

import java.time.Duration;
import java.time.Instant;

/**
 * How long a session lasts: it ends after {@code idle} without use, and at the latest
 * {@code absolute} after sign-in. Use is recorded at most once per {@code touchInterval}, so that
 * reading pages does not write to the database on every request; the idle limit is therefore
 * exact to within that interval.
 */
public record SessionPolicy(Duration idle, Duration absolute, Duration touchInterval) {
    public static final SessionPolicy DEFAULT = new SessionPolicy(Duration.ofDays(14), Duration.ofDays(30), Duration.ofMinutes(1));

    public boolean isExpired(Session session, Instant now) {
        return !now.isBefore(session.expireTime()) || !now.isBefore(session.lastSeenTime().plus(idle));
    }

    public boolean needsTouch(Session session, Instant now) {
        return !now.isBefore(session.lastSeenTime().plus(touchInterval));
    }
}
