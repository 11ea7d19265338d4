package dev.tollgate.core.user;

import java.time.Instant;

/**
 * A person's account.
 *
 * @param disabled set by a platform administrator: the person cannot sign in, and has no session or token left
 */
public record User(String userId, String email, String passwordHash, Instant createTime, boolean disabled) {
    /** An account in use. */
    public User(String userId, String email, String passwordHash, Instant createTime) {
        this(userId, email, passwordHash, createTime, false);
    }

    @Override
    public String toString() {
        return "User[" + userId + ", " + email + "]";
    }
}
