package dev.tollgate.core.metering;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * One row of the ledger: a project's calls of one method with one credential that ended with one
 * status, in the minute or the day that begins at {@code start}. Ordered so that writers touch
 * rows in one order.
 */
public record UsageKey(String projectId, String api, String method, int status, UsageCredential credential, Instant start)
        implements Comparable<UsageKey> {
    private static final Comparator<UsageKey> ORDER = Comparator.comparing(UsageKey::projectId)
            .thenComparing(UsageKey::start).thenComparing(UsageKey::api).thenComparing(UsageKey::method)
            .thenComparingInt(UsageKey::status).thenComparing(UsageKey::credential);

    public UsageKey {
        Objects.requireNonNull(credential, "credential");
    }

    @Override
    public int compareTo(UsageKey other) {
        return ORDER.compare(this, other);
    }
}
