package dev.tollgate.core.token;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The revocation list kept in a list, for tests; {@link #rows} shows what was written. */
public final class InMemoryRevocations implements AccessTokenRevocationRepository {
    public final List<AccessTokenRevocation> rows = new CopyOnWriteArrayList<>();

    @Override
    public void add(AccessTokenRevocation revocation) {
        rows.add(revocation);
    }

    @Override
    public List<AccessTokenRevocation> live(Instant now) {
        return rows.stream().filter(r -> !r.isExpiredAt(now)).toList();
    }
}
