package dev.tollgate.core.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.secret.Secrets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KnownDevicesTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final InMemoryKnownDevices rows = new InMemoryKnownDevices();
    private final KnownDevices devices = new KnownDevices(rows, clock);

    @Test
    void theCookieIsStoredOnlyAsItsHash() {
        String cookie = devices.remember("111", Optional.empty());
        assertThat(cookie).matches("[0-9A-Za-z]{32}");
        assertThat(rows.rows.keySet()).containsExactly(new InMemoryKnownDevices.Key(Secrets.hash(cookie), "111"));
        assertThat(rows.rows.keySet().toString()).doesNotContain(cookie);
        assertThat(devices.recognise(Optional.of("111"), Optional.of(cookie))).contains(Secrets.hash(cookie));
    }

    @Test
    void aBrowserIsKnownOnlyForTheAccountsThatSignedInWithIt() {
        String cookie = devices.remember("111", Optional.empty());
        assertThat(devices.recognise(Optional.of("222"), Optional.of(cookie))).isEmpty();
        assertThat(devices.recognise(Optional.empty(), Optional.of(cookie))).as("an account that does not exist").isEmpty();
        assertThat(devices.remember("111", Optional.of(cookie))).as("a known browser keeps its cookie").isEqualTo(cookie);
    }

    @Test
    void aCookieTheAccountDoesNotKnowIsReplacedNotAdopted() {
        String planted = Secrets.randomBase62(32);
        String given = devices.remember("111", Optional.of(planted));
        assertThat(given).isNotEqualTo(planted);
        assertThat(devices.recognise(Optional.of("111"), Optional.of(planted))).isEmpty();

        String attackersOwn = devices.remember("999", Optional.empty());
        assertThat(devices.remember("111", Optional.of(attackersOwn))).as("known for another account only").isNotEqualTo(attackersOwn);
        assertThat(devices.recognise(Optional.of("111"), Optional.of(attackersOwn))).isEmpty();
    }

    @Test
    void malformedCookiesAreIgnoredWithoutALookup() {
        for (String bad : new String[] {"", "short", "x".repeat(33), "!".repeat(32), "é".repeat(32)}) {
            assertThat(devices.recognise(Optional.of("111"), Optional.of(bad))).isEmpty();
            assertThat(devices.remember("111", Optional.of(bad))).isNotEqualTo(bad).matches("[0-9A-Za-z]{32}");
        }
    }

    @Test
    void aBrowserUnusedForItsLifetimeIsForgotten() {
        String cookie = devices.remember("111", Optional.empty());
        clock.advance(KnownDevices.LIFETIME.minusDays(1));
        assertThat(devices.recognise(Optional.of("111"), Optional.of(cookie))).isPresent();
        clock.advance(Duration.ofDays(2));
        assertThat(devices.recognise(Optional.of("111"), Optional.of(cookie))).isEmpty();
        devices.remember("222", Optional.empty());
        assertThat(rows.rows.keySet()).noneMatch(k -> k.userId().equals("111"));
    }
}
