package dev.tollgate.core.user;

import java.time.Instant;

/**
 * A mailed link's stored form: the hash of its token, what it is for, whose it is and to which
 * address it was sent. A token of one purpose never serves another.
 */
public record EmailToken(String tokenHash, Purpose purpose, String userId, String email, Instant createTime, Instant expireTime) {

    public enum Purpose { VERIFY_EMAIL, RESET_PASSWORD, CHANGE_EMAIL }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expireTime);
    }
}
