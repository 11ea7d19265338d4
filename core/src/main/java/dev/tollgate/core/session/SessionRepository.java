package dev.tollgate.core.session;

import dev.tollgate.core.user.PersonSessions;
import java.time.Instant;
import java.util.Optional;

/** Stored sessions, found by the hash of their id. */
public interface SessionRepository extends PersonSessions {
    void insert(Session session);

    Optional<Session> find(String sessionHash);

    void updateLastSeen(String sessionHash, Instant lastSeen);

    void delete(String sessionHash);

    @Override
    void deleteOthersOf(String userId, String keptSessionHash);

    /** Removes sessions past their absolute end or unused since {@code idleBefore}. */
    int deleteExpired(Instant now, Instant idleBefore);
}
