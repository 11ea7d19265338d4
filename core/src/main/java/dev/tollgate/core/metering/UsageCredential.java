package dev.tollgate.core.metering;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * The credential whose calls a ledger row counts: an API key (its key id), an OAuth client (its
 * client id, whoever the person) or a service account (its address). Rows written before the
 * ledger kept credentials have {@link #UNRECORDED}: no kind and an empty id.
 */
public record UsageCredential(Optional<CredentialKind> kind, String id) implements Comparable<UsageCredential> {
    public static final UsageCredential UNRECORDED = new UsageCredential(Optional.empty(), "");

    static final Comparator<UsageCredential> ORDER = Comparator
            .comparing((UsageCredential c) -> c.kind().map(Enum::ordinal).orElse(-1))
            .thenComparing(UsageCredential::id);

    public UsageCredential {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
    }

    public static UsageCredential of(CredentialKind kind, String id) {
        return new UsageCredential(Optional.of(kind), id);
    }

    public static UsageCredential of(UsageRecord record) {
        return of(record.credentialKind(), record.credentialId());
    }

    /** The kind as the usage API names it: {@code key}, {@code client}, {@code serviceAccount} or {@code unrecorded}. */
    public String wireKind() {
        return kind.map(k -> switch (k) {
            case KEY -> "key";
            case CLIENT -> "client";
            case SERVICE_ACCOUNT -> "serviceAccount";
        }).orElse("unrecorded");
    }

    @Override
    public int compareTo(UsageCredential other) {
        return ORDER.compare(this, other);
    }
}
