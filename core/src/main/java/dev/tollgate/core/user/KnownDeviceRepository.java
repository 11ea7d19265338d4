package dev.tollgate.core.user;

import java.time.Instant;
import java.util.Set;

/** Browsers that accounts have signed in from, by the SHA-256 hash of their device cookie. */
public interface KnownDeviceRepository {

    /** The user ids that signed in with this device cookie and used it at or after {@code usedSince}. */
    Set<String> usersOf(String deviceHash, Instant usedSince);

    /** Records (or refreshes) that the user signed in with this device cookie at {@code now}. */
    void remember(String deviceHash, String userId, Instant now);

    /** Forgets devices not used since {@code before}; returns how many. */
    int forgetUnusedBefore(Instant before);

    /** Remembers nothing: every browser is unknown. */
    KnownDeviceRepository NONE = new KnownDeviceRepository() {
        @Override
        public Set<String> usersOf(String deviceHash, Instant usedSince) { return Set.of(); }

        @Override
        public void remember(String deviceHash, String userId, Instant now) {}

        @Override
        public int forgetUnusedBefore(Instant before) { return 0; }
    };
}
