package dev.tollgate.core.metering;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One charged call, or one step of it, as the journal keeps it.
 *
 * <p>A call the gateway answers itself is one {@link Phase#COMPLETE} record. A call forwarded to a
 * backend is two: {@link Phase#CHARGED} (status {@link #NO_OUTCOME}), on disk before the backend sees
 * the call, and {@link Phase#SETTLED} with the same call id, time and key fields and the status the
 * caller got. The ledger counts the charge under status {@link #NO_OUTCOME} and moves it to the
 * settled status; a node that stops between the two leaves the call counted, with no outcome.
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
                          int status, long bytesIn, long bytesOut, long latencyMicros, Phase phase) {
    public static final int MAX_PROJECT_ID = 64;
    public static final int MAX_API = 64;
    public static final int MAX_METHOD = 256;
    /** Credential ids (the ledger keeps longer than 512 bytes as their hash: UsageCredential) and people (only journaled). */
    public static final int MAX_OTHER = 1024;

    /** The status of a charge whose outcome is not known (yet): the backend may have acted on it. */
    public static final int NO_OUTCOME = 0;

    /** Where in its call a record was written. The codes are written to the journal: never renumber them. */
    public enum Phase {
        /** The whole call, answered by the gateway without a backend. */
        COMPLETE(0),
        /** A call about to be forwarded: counted with status {@link #NO_OUTCOME} until settled. */
        CHARGED(1),
        /** The outcome of the {@link #CHARGED} record with the same call id and key fields. */
        SETTLED(2);

        private final byte code;

        Phase(int code) {
            this.code = (byte) code;
        }

        byte code() { return code; }

        static Phase ofCode(byte code) {
            for (Phase phase : values()) {
                if (phase.code == code) {
                    return phase;
                }
            }
            throw new IllegalArgumentException("unknown record phase code " + code);
        }
    }

    /** A {@link Phase#COMPLETE} record. */
    public UsageRecord(UUID callId, Instant time, String projectId, String api, String method,
                       CredentialKind credentialKind, String credentialId, Optional<String> user,
                       int status, long bytesIn, long bytesOut, long latencyMicros) {
        this(callId, time, projectId, api, method, credentialKind, credentialId, user, status, bytesIn, bytesOut, latencyMicros, Phase.COMPLETE);
    }

    public UsageRecord {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(credentialKind, "credentialKind");
        Objects.requireNonNull(user, "user");
        checkKey("projectId", projectId, MAX_PROJECT_ID);
        checkKey("api", api, MAX_API);
        checkKey("method", method, MAX_METHOD);
        checkText("credentialId", credentialId);
        user.ifPresent(u -> checkText("user", u));
        if (phase == Phase.CHARGED) {
            if (status != NO_OUTCOME || bytesOut != 0 || latencyMicros != 0) {
                throw new IllegalArgumentException("a charge has no outcome yet: status " + NO_OUTCOME + ", no bytes out, no latency");
            }
        } else if (status < 100 || status > 999) {
            throw new IllegalArgumentException("status must be an HTTP status code: " + status);
        }
        if (bytesIn < 0 || bytesOut < 0 || latencyMicros < 0) {
            throw new IllegalArgumentException("byte counts and latency cannot be negative");
        }
    }

    /** The charge of a call about to be forwarded. */
    public static UsageRecord charge(UUID callId, Instant time, String projectId, String api, String method,
                                     CredentialKind credentialKind, String credentialId, Optional<String> user, long bytesIn) {
        return new UsageRecord(callId, time, projectId, api, method, credentialKind, credentialId, user, NO_OUTCOME, bytesIn, 0, 0, Phase.CHARGED);
    }

    /** The outcome of this charge: the status the caller got, the bytes it was sent, the time it took. */
    public UsageRecord settled(int status, long bytesOut, long latencyMicros) {
        if (phase != Phase.CHARGED) {
            throw new IllegalStateException("only a charge can be settled");
        }
        return new UsageRecord(callId, time, projectId, api, method, credentialKind, credentialId, user, status, bytesIn, bytesOut,
                latencyMicros, Phase.SETTLED);
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
