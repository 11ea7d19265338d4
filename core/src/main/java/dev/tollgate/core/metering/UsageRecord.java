package dev.tollgate.core.metering;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One charged call, as the journal keeps it.
 *
 * <p>The key fields (project, API, method) are bounded here so that every record the journal
 * accepts also fits the ledger: a record the ledger refused would stop the drain for good.
 *
 * @param callId identifies the call in logs and traces; counting never relies on it
 * @param method the catalog's method id, e.g. {@code posts.get}
 * @param user the person behind an authorized call
 * @param latencyMicros from the call's arrival until its usage was recorded
 */
public record UsageRecord(UUID callId, Instant time, String projectId, String api, String method,
                          CredentialKind credentialKind, String credentialId, Optional<String> user,
                          int status, long bytesIn, long bytesOut, long latencyMicros) {
    public static final int MAX_PROJECT_ID = 64;
    public static final int MAX_API = 64;
    public static final int MAX_METHOD = 256;
    /** Credential ids (the ledger keeps longer than 512 bytes as their hash: UsageCredential) and people (only journaled). */
    public static final int MAX_OTHER = 1024;

    public UsageRecord {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(credentialKind, "credentialKind");
        Objects.requireNonNull(user, "user");
        checkKey("projectId", projectId, MAX_PROJECT_ID);
        checkKey("api", api, MAX_API);
        checkKey("method", method, MAX_METHOD);
        checkText("credentialId", credentialId);
        user.ifPresent(u -> checkText("user", u));
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("status must be an HTTP status code: " + status);
        }
        if (bytesIn < 0 || bytesOut < 0 || latencyMicros < 0) {
            throw new IllegalArgumentException("byte counts and latency cannot be negative");
        }
    }

    /** A random 128-bit call id; cheaper than {@link UUID#randomUUID()}, which need not be unguessable here. */
    public static UUID newCallId() {
        var random = ThreadLocalRandom.current();
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    private static void checkKey(String name, String value, int max) {
        Objects.requireNonNull(value, name);
        if (value.isEmpty() || value.length() > max) {
            throw new IllegalArgumentException(name + " must have 1 to " + max + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException(name + " cannot contain control characters");
            }
        }
    }

    private static void checkText(String name, String value) {
        Objects.requireNonNull(value, name);
        if (value.length() > MAX_OTHER) {
            throw new IllegalArgumentException(name + " cannot be longer than " + MAX_OTHER + " characters");
        }
    }
}
