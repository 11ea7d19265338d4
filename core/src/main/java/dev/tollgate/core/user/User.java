package dev.tollgate.core.user;

import java.time.Instant;

public record User(String userId, String email, String passwordHash, Instant createTime) {
    @Override
    public String toString() {
        return "User[" + userId + ", " + email + "]";
    }
}
