package dev.tollgate.core.session;

import java.time.Instant;

/**
 * A browser's signed-in session as stored: the SHA-256 hash of its id (the id itself lives only
 * in the browser's cookie), whose it is, and its times.
 *
 * @param authTime   when the person last entered their password in this session (OIDC {@code auth_time})
 * @param expireTime the absolute end, whatever the activity
 */
public record Session(String sessionHash, String userId, Instant createTime, Instant lastSeenTime, Instant authTime,
                      Instant expireTime) {

    public Session withLastSeen(Instant time) {
        return new Session(sessionHash, userId, createTime, time, authTime, expireTime);
    }
}
