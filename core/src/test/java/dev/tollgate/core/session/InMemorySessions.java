package dev.tollgate.core.session;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A SessionRepository in a map, for tests of the session rules. */
final class InMemorySessions implements SessionRepository {
    final Map<String, Session> rows = new ConcurrentHashMap<>();

    @Override
    public void insert(Session session) {
        rows.put(session.sessionHash(), session);
    }

    @Override
    public Optional<Session> find(String sessionHash) {
        return Optional.ofNullable(rows.get(sessionHash));
    }

    @Override
    public void updateLastSeen(String sessionHash, Instant lastSeen) {
        rows.computeIfPresent(sessionHash, (k, s) -> s.withLastSeen(lastSeen));
    }

    @Override
    public void delete(String sessionHash) {
        rows.remove(sessionHash);
    }

    @Override
    public void deleteOthersOf(String userId, String keptSessionHash) {
        rows.values().removeIf(s -> s.userId().equals(userId) && !s.sessionHash().equals(keptSessionHash));
    }

    @Override
    public int deleteExpired(Instant now, Instant idleBefore) {
        int before = rows.size();
        rows.values().removeIf(s -> !s.expireTime().isAfter(now) || !s.lastSeenTime().isAfter(idleBefore));
        return before - rows.size();
    }
}
