package dev.tollgate.core.oauth;

import java.time.Instant;
import java.util.List;

public interface SigningKeyRepository {
    void insert(SigningKey key);

    /** Keys not yet retired at {@code now}, newest first. */
    List<SigningKey> published(Instant now);

    void retire(String kid, Instant when);
}
