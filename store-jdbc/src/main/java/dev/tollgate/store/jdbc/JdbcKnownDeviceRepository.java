package dev.tollgate.store.jdbc;

import dev.tollgate.core.user.KnownDeviceRepository;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

public final class JdbcKnownDeviceRepository implements KnownDeviceRepository {
    private final Jdbi jdbi;

    public JdbcKnownDeviceRepository(Database db) {
        this.jdbi = db.jdbi();
    }

    @Override
    public Set<String> usersOf(String deviceHash, Instant usedSince) {
        return jdbi.withHandle(h -> h.createQuery("SELECT user_id FROM known_devices WHERE device_hash = ? AND last_used_ms >= ?")
                .bind(0, deviceHash).bind(1, usedSince.toEpochMilli()).mapTo(String.class).collect(java.util.stream.Collectors.toCollection(HashSet::new)));
    }

    @Override
    public void remember(String deviceHash, String userId, Instant now) {
        long ms = now.toEpochMilli();
        Database.upsert(jdbi, "known device",
                h -> h.createUpdate("UPDATE known_devices SET last_used_ms = ? WHERE device_hash = ? AND user_id = ?")
                        .bind(0, ms).bind(1, deviceHash).bind(2, userId).execute(),
                h -> h.createUpdate("INSERT INTO known_devices (device_hash, user_id, create_time_ms, last_used_ms) VALUES (?, ?, ?, ?)")
                        .bind(0, deviceHash).bind(1, userId).bind(2, ms).bind(3, ms).execute());
    }

    @Override
    public int forgetUnusedBefore(Instant before) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM known_devices WHERE last_used_ms < ?").bind(0, before.toEpochMilli()).execute());
    }
}
