package dev.tollgate.core.session;

import java.time.Instant;
import java.util.Optional;

/** Stored sessions, found by the hash of their id. */
public interface SessionRepository {
    void insert(Session session);

    Optional<Session> find(String sessionHash);

    void updateLastSeen(String sessionHash, Instant lastSeen);

    void delete(String sessionHash);

    /** Ends every session of the person except the one kept (which may be null to end them all). */
    void deleteOthersOf(String userId, String keptSessionHash);

    /** Removes sessions past their absolute end or unused since {@code idleBefore}. */
    int deleteExpired(Instant now, Instant idleBefore);
}
