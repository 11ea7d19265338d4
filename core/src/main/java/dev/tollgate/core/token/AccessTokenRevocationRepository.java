package dev.tollgate.core.token;

import java.time.Instant;
import java.util.List;

/** The durable list of access-token revocations, which every node reads at start and after missing the bus. */
public interface AccessTokenRevocationRepository {
    void add(AccessTokenRevocation revocation);

    /** Every revocation that can still match an unexpired token. */
    List<AccessTokenRevocation> live(Instant now);
}
