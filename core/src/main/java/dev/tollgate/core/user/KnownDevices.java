package dev.tollgate.core.user;

import dev.tollgate.core.secret.Secrets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The device cookie: a random value (32 base62 characters, 190 bits) that a browser receives when
 * its person signs in, kept in the database only as its SHA-256 hash with the account's user id.
 * A browser that presents it for that account is known, and the sign-in throttle never refuses it for
 * failures that came from elsewhere (see {@link SignInThrottle}). It signs no one in by itself: the
 * password is still needed.
 *
 * <p>A cookie value the account does not know already is never adopted: the browser gets a fresh
 * one, so that a value planted in someone's browser cannot become known for their account.
 */
public final class KnownDevices {
    /** How long a browser stays known without signing in again (browsers cap cookies at 400 days). */
    public static final Duration LIFETIME = Duration.ofDays(400);
    private static final int ID_LENGTH = 32;
    private static final Duration PURGE_INTERVAL = Duration.ofHours(1);

    private final KnownDeviceRepository devices;
    private final Clock clock;
    private final AtomicReference<Instant> lastPurge = new AtomicReference<>(Instant.MIN);

    public KnownDevices(KnownDeviceRepository devices, Clock clock) {
        this.devices = devices;
        this.clock = clock;
    }

    /** Knows no browser (tests, and callers without a database). */
    public static KnownDevices none(Clock clock) {
        return new KnownDevices(KnownDeviceRepository.NONE, clock);
    }

    /**
     * The hash of the browser's device cookie when that account signed in with it; empty otherwise.
     * The lookup runs for every well-formed cookie, whether or not the account exists, so its timing
     * says nothing about existence.
     */
    public Optional<String> recognise(Optional<String> userId, Optional<String> cookie) {
        Optional<String> hash = cookie.filter(KnownDevices::isWellFormed).map(Secrets::hash);
        if (hash.isEmpty()) {
            return Optional.empty();
        }
        boolean known = devices.usersOf(hash.get(), clock.instant().minus(LIFETIME)).contains(userId.orElse(""));
        return known && userId.isPresent() ? hash : Optional.empty();
    }

    /**
     * Remembers the browser for the account after a correct password.
     *
     * @return the cookie value the browser should hold from now on
     */
    public String remember(String userId, Optional<String> cookie) {
        Instant now = clock.instant();
        purgeIfDue(now);
        String value = cookie.filter(c -> recognise(Optional.of(userId), Optional.of(c)).isPresent())
                .orElseGet(() -> Secrets.randomBase62(ID_LENGTH));
        devices.remember(Secrets.hash(value), userId, now);
        return value;
    }

    private void purgeIfDue(Instant now) {
        Instant last = lastPurge.get();
        if (now.isAfter(last.plus(PURGE_INTERVAL)) && lastPurge.compareAndSet(last, now)) {
            devices.forgetUnusedBefore(now.minus(LIFETIME));
        }
    }

    /** Whether a cookie value can be a device id at all; anything else is ignored without a lookup. */
    static boolean isWellFormed(String value) {
        if (value == null || value.length() != ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < ID_LENGTH; i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                return false;
            }
        }
        return true;
    }
}
