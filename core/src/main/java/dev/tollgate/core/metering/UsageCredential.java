package dev.tollgate.core.metering;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * The credential whose calls a ledger row counts: an API key (its key id), an OAuth client (its
 * client id, whoever the person) or a service account (its address). Rows written before the
 * ledger kept credentials have {@link #UNRECORDED}: no kind and an empty id.
 *
 * <p>The id is part of the row's key, and PostgreSQL cannot index a key of more than about 2.7 kB;
 * the journal takes ids of up to 1,024 characters, which could be 4 kB. So an id of more than
 * {@value #MAX_ID_BYTES} UTF-8 bytes is kept as {@code sha256:} and the hex SHA-256 of its bytes:
 * still one row per credential, and a record the journal took never stops the drain. Tollgate's own
 * ids (key ids, client ids, service account addresses) are far shorter and kept as they are.
 */
public record UsageCredential(Optional<CredentialKind> kind, String id) implements Comparable<UsageCredential> {
    public static final UsageCredential UNRECORDED = new UsageCredential(Optional.empty(), "");
    /** The longest id, in UTF-8 bytes, that the ledger keeps as it is (its column holds as many characters). */
    public static final int MAX_ID_BYTES = 512;

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

    /** The record's credential as the ledger keeps it: see the class comment for long ids. */
    public static UsageCredential of(UsageRecord record) {
        return of(record.credentialKind(), ledgerId(record.credentialId()));
    }

    static String ledgerId(String id) {
        if (id.length() * 3 <= MAX_ID_BYTES) {
            return id; // a char is at most 3 UTF-8 bytes: no need to encode the usual short id
        }
        byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= MAX_ID_BYTES) {
            return id;
        }
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(utf8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
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
