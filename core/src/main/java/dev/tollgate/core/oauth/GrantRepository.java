package dev.tollgate.core.oauth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface GrantRepository {
    Optional<Grant> find(String userId, String clientId);

    /** Inserts or replaces the person's grant to the client. */
    void put(Grant grant);

    void touch(String userId, String clientId, Instant when);

    boolean delete(String userId, String clientId);

    List<Grant> listForUser(String userId);
}
