package dev.tollgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.protocol.Scopes;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The cached token's states, one refresh in flight whatever the number of callers, retries and listeners. */
class TokenLifecycleTest {
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final Duration LIFETIME = Duration.ofHours(1);

    final MovableClock clock = new MovableClock(T0);
    final CredentialOptions options = CredentialOptions.defaults().withClock(clock).withJitter(Duration.ZERO)
            .withBackoff(new Backoff(4, Duration.ofMillis(1), Duration.ofMillis(4)));

    /** Credentials whose token server is a script: each fetch takes the next step, or mints a token. */
    static final class ScriptedCredentials extends OAuth2Credentials {
        final AtomicInteger fetches = new AtomicInteger();
        final Deque<IOException> failures = new ArrayDeque<>();
        volatile CountDownLatch gate = new CountDownLatch(0);
        volatile CountDownLatch entered = new CountDownLatch(1);

        ScriptedCredentials(CredentialOptions options) {
            super(options);
        }

        @Override
        protected AccessToken fetchToken() throws IOException {
            int n = fetches.incrementAndGet();
            entered.countDown();
            try {
                gate.await();
            } catch (InterruptedException e) {
                throw new java.io.InterruptedIOException();
            }
            IOException failure;
            synchronized (failures) {
                failure = failures.poll();
            }
            if (failure != null) {
                throw failure;
            }
            return new AccessToken("token-" + n, options().clock().instant().plus(LIFETIME), Scopes.of("posts"));
        }
    }

    ScriptedCredentials credentials() {
        return new ScriptedCredentials(options);
    }

    @Test
    void firstCallFetchesAndLaterCallsUseTheCachedToken() throws IOException {
        var c = credentials();
        assertThat(c.state()).isEqualTo(OAuth2Credentials.State.NONE);
        assertThat(c.accessToken().value()).isEqualTo("token-1");
        clock.advance(Duration.ofMinutes(30));
        assertThat(c.accessToken().value()).isEqualTo("token-1");
        assertThat(c.state()).isEqualTo(OAuth2Credentials.State.FRESH);
        assertThat(c.fetches).hasValue(1);
    }

    @Test
    void twoHundredThreadsWithoutATokenMakeOneRequest() throws Exception {
        var c = credentials();
        c.gate = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 200; i++) {
            Thread t = new Thread(() -> {
                try {
                    seen.add(c.accessToken().value());
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            threads.add(t);
            t.start();
        }
        // Every thread is parked on the one refresh before the token server answers.
        awaitAll(threads, Thread.State.WAITING);
        assertThat(c.fetches).hasValue(1);
        c.gate.countDown();
        for (Thread t : threads) {
            t.join(10_000);
        }
        assertThat(errors).isEmpty();
        assertThat(seen).containsExactly("token-1");
        assertThat(c.fetches).hasValue(1);
    }

    @Test
    void staleTokenIsStillHandedOutWhileOneBackgroundRefreshRuns() throws Exception {
        var c = credentials();
        c.accessToken();
        clock.advance(LIFETIME.minus(Duration.ofMinutes(3)));
        assertThat(c.state()).isEqualTo(OAuth2Credentials.State.STALE);
        c.gate = new CountDownLatch(1);
        c.entered = new CountDownLatch(1);
        var changed = new CountDownLatch(1);
        c.addChangeListener(t -> changed.countDown());
        for (int i = 0; i < 50; i++) {
            assertThat(c.accessToken().value()).isEqualTo("token-1");
        }
        assertThat(c.entered.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(c.fetches).hasValue(2);
        c.gate.countDown();
        assertThat(changed.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(c.accessToken().value()).isEqualTo("token-2");
        assertThat(c.state()).isEqualTo(OAuth2Credentials.State.FRESH);
        assertThat(c.fetches).hasValue(2);
    }

    @Test
    void expiredTokenMakesCallersWaitForTheNewOne() throws Exception {
        var c = credentials();
        c.accessToken();
        clock.advance(LIFETIME.minus(Duration.ofSeconds(30)));
        assertThat(c.state()).isEqualTo(OAuth2Credentials.State.EXPIRED);
        c.gate = new CountDownLatch(1);
        var got = new ArrayList<String>();
        Thread caller = new Thread(() -> {
            try {
                got.add(c.accessToken().value());
            } catch (IOException e) {
                got.add(e.toString());
            }
        });
        caller.start();
        awaitAll(List.of(caller), Thread.State.WAITING);
        assertThat(got).isEmpty();
        c.gate.countDown();
        caller.join(5000);
        assertThat(got).containsExactly("token-2");
    }

    @Test
    void networkErrorsAndServerErrorsAreRetriedWithBackoff() throws IOException {
        var c = credentials();
        c.failures.add(new ConnectException("refused"));
        c.failures.add(new TokenRequestException(503, "temporarily_unavailable", "busy"));
        assertThat(c.accessToken().value()).isEqualTo("token-3");
        assertThat(c.fetches).hasValue(3);
    }

    @Test
    void retriesStopAfterTheLastAttemptWithTheLastError() {
        var c = credentials();
        for (int i = 0; i < 4; i++) {
            c.failures.add(new TokenRequestException(500, "server_error", "attempt " + (i + 1)));
        }
        assertThatThrownBy(c::accessToken).isInstanceOf(TokenRequestException.class).hasMessageContaining("attempt 4");
        assertThat(c.fetches).hasValue(4);
    }

    @Test
    void invalidGrantIsNotRetriedAndKeepsTheServersReason() {
        var c = credentials();
        c.failures.add(new InvalidGrantException(400, "Token has been expired or revoked."));
        assertThatThrownBy(c::accessToken).isInstanceOfSatisfying(InvalidGrantException.class, e -> {
            assertThat(e.error()).isEqualTo("invalid_grant");
            assertThat(e.description()).isEqualTo("Token has been expired or revoked.");
        });
        assertThat(c.fetches).hasValue(1);
    }

    @Test
    void otherClientErrorsAreNotRetried() {
        var c = credentials();
        c.failures.add(new TokenRequestException(401, "invalid_client", "Unknown client"));
        assertThatThrownBy(c::accessToken).isInstanceOf(TokenRequestException.class);
        assertThat(c.fetches).hasValue(1);
    }

    @Test
    void failedBackgroundRefreshKeepsTheCurrentTokenAndWaitsBeforeTryingAgain() throws Exception {
        var c = new ScriptedCredentials(options.withBackoff(new Backoff(1, Duration.ofSeconds(10), Duration.ofSeconds(10))));
        c.accessToken();
        clock.advance(LIFETIME.minus(Duration.ofMinutes(3)));
        c.failures.add(new ConnectException("down"));
        var failed = new CountDownLatch(1);
        var failures = new CopyOnWriteArrayList<Throwable>();
        c.addRefreshFailureListener(e -> {
            failures.add(e);
            failed.countDown();
        });
        assertThat(c.accessToken().value()).isEqualTo("token-1");
        assertThat(failed.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(failures).singleElement().isInstanceOf(ConnectException.class);
        assertThat(c.accessToken().value()).isEqualTo("token-1");
        assertThat(c.fetches).as("no second attempt within the quiet period").hasValue(2);
        clock.advance(Duration.ofSeconds(11));
        c.entered = new CountDownLatch(1);
        c.accessToken();
        assertThat(c.entered.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(c.fetches).hasValue(3);
    }

    @Test
    void listenersHearEveryNewTokenAndAFailingListenerHarmsNoOne() throws IOException {
        var c = credentials();
        var heard = new CopyOnWriteArrayList<String>();
        c.addChangeListener(t -> { throw new IllegalStateException("listener bug"); });
        c.addChangeListener(t -> heard.add(t.value()));
        c.accessToken();
        c.refresh();
        assertThat(heard).containsExactly("token-1", "token-2");
    }

    @Test
    void rejectedTokenIsDroppedSoTheNextCallFetchesAnother() throws IOException {
        var c = credentials();
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1/"));
        Credentials.Applied applied = c.applyTo(request);
        assertThat(request.build().headers().firstValue("Authorization")).hasValue("Bearer token-1");
        assertThat(c.rejected(applied)).isTrue();
        assertThat(c.accessToken().value()).isEqualTo("token-2");
        // A late report about the old token must not drop the new one.
        assertThat(c.rejected(applied)).isTrue();
        assertThat(c.accessToken().value()).isEqualTo("token-2");
    }

    @Test
    void shortLivedTokenIsFreshAtFirst() throws IOException {
        var c = new OAuth2Credentials(options) {
            @Override
            protected AccessToken fetchToken() {
                return new AccessToken("short", clock.instant().plusSeconds(10), Scopes.EMPTY);
            }
        };
        c.accessToken();
        assertThat(c.state()).isEqualTo(OAuth2Credentials.State.FRESH);
        clock.advance(Duration.ofSeconds(6));
        assertThat(c.state()).isEqualTo(OAuth2Credentials.State.STALE);
        clock.advance(Duration.ofSeconds(3));
        assertThat(c.state()).isEqualTo(OAuth2Credentials.State.EXPIRED);
    }

    @Test
    void jitterSpreadsProactiveRefreshesOverTheMinuteBeforeTheMargin() throws IOException {
        var jittered = options.withJitter(Duration.ofMinutes(1));
        var all = new ArrayList<ScriptedCredentials>();
        for (int i = 0; i < 20; i++) {
            var c = new ScriptedCredentials(jittered);
            c.accessToken();
            all.add(c);
        }
        Instant expiry = T0.plus(LIFETIME);
        clock.advance(Duration.between(clock.instant(), expiry.minus(Duration.ofMinutes(5)).minusSeconds(1)));
        assertThat(all).allMatch(c -> c.state() == OAuth2Credentials.State.FRESH);
        clock.advance(Duration.ofSeconds(31));
        long staleHalfway = all.stream().filter(c -> c.state() == OAuth2Credentials.State.STALE).count();
        assertThat(staleHalfway).as("some but not all turned stale half-way through the jitter window").isBetween(1L, 19L);
        clock.advance(Duration.ofSeconds(30));
        assertThat(all).allMatch(c -> c.state() == OAuth2Credentials.State.STALE);
    }

    static void awaitAll(List<Thread> threads, Thread.State state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (Thread t : threads) {
            while (t.getState() != state) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(t + " is " + t.getState() + ", not " + state);
                }
                Thread.onSpinWait();
            }
        }
    }

}
