package dev.tollgate.core.user;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** A {@link KnownDeviceRepository} in a map, keyed as the table is: (device hash, user id) → last use. */
final class InMemoryKnownDevices implements KnownDeviceRepository {
    record Key(String deviceHash, String userId) {}

    final Map<Key, Instant> rows = new ConcurrentHashMap<>();

    @Override
    public Set<String> usersOf(String deviceHash, Instant usedSince) {
        return rows.entrySet().stream().filter(e -> e.getKey().deviceHash().equals(deviceHash) && !e.getValue().isBefore(usedSince))
                .map(e -> e.getKey().userId()).collect(Collectors.toSet());
    }

    @Override
    public void remember(String deviceHash, String userId, Instant now) {
        rows.put(new Key(deviceHash, userId), now);
    }

    @Override
    public int forgetUnusedBefore(Instant before) {
        int n = rows.size();
        rows.values().removeIf(t -> t.isBefore(before));
        return n - rows.size();
    }
}
