package dev.tollgate.client;

import dev.tollgate.protocol.Scopes;
import dev.tollgate.protocol.TokenResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Credentials that present OAuth access tokens and keep one cached. A cached token is
 * {@linkplain State#FRESH fresh}, {@linkplain State#STALE stale} or {@linkplain State#EXPIRED expired}
 * (see {@link CredentialOptions} for the margins):
 * <ul>
 *   <li>fresh: callers get it at once;</li>
 *   <li>stale: callers still get it at once, and one refresh starts in the background;</li>
 *   <li>expired or none: callers wait for the refresh in flight, starting it if there is none.</li>
 * </ul>
 * However many threads ask at once, at most one token request is in flight. A request that fails on the
 * network or with a 5xx answer is retried with exponential backoff; {@code invalid_grant} is not retried
 * and surfaces as {@link InvalidGrantException}. A failed background refresh is not tried again at once
 * on the next call, so a token server that is down is not hammered while the current token still works.
 */
public abstract class OAuth2Credentials implements Credentials {

    /** Where the cached token stands. */
    public enum State { NONE, FRESH, STALE, EXPIRED }

    private record Cached(AccessToken token, Instant staleAt, Instant expiredAt) {}

    private final CredentialOptions options;
    private final AtomicReference<Cached> cached = new AtomicReference<>();
    private final Object lock = new Object();
    private CompletableFuture<AccessToken> inFlight; // guarded by lock
    private volatile Instant quietUntil = Instant.MIN;
    private final List<Consumer<AccessToken>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Throwable>> failureListeners = new CopyOnWriteArrayList<>();

    protected OAuth2Credentials(CredentialOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Obtains a new token from the authorization server: one attempt, no retry, no caching. */
    protected abstract AccessToken fetchToken() throws IOException;

    /** The options these credentials were built with. */
    public final CredentialOptions options() {
        return options;
    }

    /** A token good for a call now, fetched or refreshed if need be (see the class comment). */
    public final AccessToken accessToken() throws IOException {
        Cached c = cached.get();
        Instant now = options.clock().instant();
        if (c != null && now.isBefore(c.staleAt())) {
            return c.token();
        }
        if (c != null && now.isBefore(c.expiredAt())) {
            if (!now.isBefore(quietUntil)) {
                refreshInBackground();
            }
            return c.token();
        }
        return await(startOrJoinRefresh());
    }

    /** Fetches a new token now (joining a refresh already in flight) and returns it. */
    public final AccessToken refresh() throws IOException {
        return await(startOrJoinRefresh());
    }

    /** The state of the cached token at this moment. */
    public final State state() {
        Cached c = cached.get();
        if (c == null) {
            return State.NONE;
        }
        Instant now = options.clock().instant();
        return now.isBefore(c.staleAt()) ? State.FRESH : now.isBefore(c.expiredAt()) ? State.STALE : State.EXPIRED;
    }

    /** The cached token, whatever its state. */
    public final Optional<AccessToken> currentToken() {
        return Optional.ofNullable(cached.get()).map(Cached::token);
    }

    /** Calls the listener with each new token, on the thread that obtained it, before callers waiting for it go on. */
    public final void addChangeListener(Consumer<AccessToken> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Stops calling the listener. */
    public final void removeChangeListener(Consumer<AccessToken> listener) {
        listeners.remove(listener);
    }

    /**
     * Calls the listener with each failed refresh, on the thread that tried, after its retries. Failures of
     * background refreshes reach no caller (they still get the current token), so this is where to log them.
     */
    public final void addRefreshFailureListener(Consumer<Throwable> listener) {
        failureListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public final Applied applyTo(HttpRequest.Builder request) throws IOException {
        AccessToken token = accessToken();
        request.setHeader("Authorization", "Bearer " + token.value());
        return new Applied("Authorization", token);
    }

    /** Forgets the rejected token (unless a newer one replaced it already), so the next call fetches one. */
    @Override
    public final boolean rejected(Applied applied) {
        if (!(applied.value() instanceof AccessToken rejected)) {
            return false;
        }
        cached.updateAndGet(c -> c != null && c.token().equals(rejected) ? null : c);
        return true;
    }

    /** Starts with a token obtained elsewhere (by a sign-in flow), as if it had been fetched. */
    protected final void seed(AccessToken token) {
        cached.set(cache(token));
    }

    /** Turns a token endpoint answer into a token, dated by this credential's clock. */
    protected final AccessToken toAccessToken(TokenResponse response, Scopes requested) {
        Instant now = options.clock().instant();
        Scopes scopes = response.scope() != null ? Scopes.ofStored(response.scope()) : requested;
        return new AccessToken(response.accessToken(), now.plusSeconds(Math.max(0, response.expiresIn())), scopes);
    }

    private void refreshInBackground() {
        startOrJoinRefresh();
    }

    private Duration quietPeriod() {
        Duration max = options.backoff().maxDelay();
        return max.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : max;
    }

    private CompletableFuture<AccessToken> startOrJoinRefresh() {
        CompletableFuture<AccessToken> refresh;
        synchronized (lock) {
            if (inFlight != null) {
                return inFlight;
            }
            refresh = new CompletableFuture<>();
            inFlight = refresh;
        }
        try {
            options.executor().execute(() -> runRefresh(refresh));
        } catch (RuntimeException rejected) {
            finish(refresh, null, rejected);
        }
        return refresh;
    }

    private void runRefresh(CompletableFuture<AccessToken> refresh) {
        try {
            AccessToken token = fetchWithRetry();
            cached.set(cache(token));
            quietUntil = Instant.MIN;
            settled(refresh);
            // Listeners hear of the token before waiting callers go on, so that whoever called refresh()
            // finds the listeners' work done; new callers meanwhile already get the cached token.
            notify(listeners, token);
            refresh.complete(token);
        } catch (IOException | RuntimeException | Error e) {
            // While the current token still works, the next proactive attempt waits a while.
            quietUntil = options.clock().instant().plus(quietPeriod());
            // Settled before the listeners hear of it: whatever they (or anyone after them) do next may start a new refresh.
            settled(refresh);
            notify(failureListeners, e);
            refresh.completeExceptionally(e);
        }
    }

    private static <T> void notify(List<Consumer<T>> to, T what) {
        for (Consumer<T> listener : to) {
            try {
                listener.accept(what);
            } catch (RuntimeException e) {
                // A listener's failure must not undo the refresh for everyone else.
            }
        }
    }

    /** The refresh is no longer the one in flight: the next caller that needs one starts another. */
    private void settled(CompletableFuture<AccessToken> refresh) {
        synchronized (lock) {
            if (inFlight == refresh) {
                inFlight = null;
            }
        }
    }

    private void finish(CompletableFuture<AccessToken> refresh, AccessToken token, Throwable failure) {
        settled(refresh);
        if (failure != null) {
            refresh.completeExceptionally(failure);
        } else {
            refresh.complete(token);
        }
    }

    private AccessToken fetchWithRetry() throws IOException {
        Backoff backoff = options.backoff();
        for (int attempt = 1; ; attempt++) {
            try {
                return fetchToken();
            } catch (IOException e) {
                if (attempt >= backoff.maxAttempts() || !retryable(e)) {
                    throw e;
                }
                sleep(backoff.delay(attempt));
            }
        }
    }

    private static boolean retryable(IOException e) {
        if (e instanceof TokenRequestException refused) {
            return refused.isRetryable();
        }
        return !(e instanceof InterruptedIOException) && !(e instanceof CredentialsException);
    }

    private static void sleep(Duration delay) throws InterruptedIOException {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting to retry a token request");
        }
    }

    private Cached cache(AccessToken token) {
        Instant now = options.clock().instant();
        Duration lifetime = Duration.between(now, token.expiresAt());
        if (lifetime.isNegative()) {
            lifetime = Duration.ZERO;
        }
        Duration expiry = min(options.expiryMargin(), lifetime.dividedBy(10));
        Duration refresh = min(options.refreshMargin(), lifetime.dividedBy(2));
        Duration jitterCeiling = min(options.jitter(), refresh.minus(expiry).dividedBy(2));
        long jitterMillis = jitterCeiling.toMillis() <= 0 ? 0 : ThreadLocalRandom.current().nextLong(jitterCeiling.toMillis() + 1);
        Instant expiredAt = token.expiresAt().minus(expiry);
        Instant staleAt = token.expiresAt().minus(refresh).minusMillis(jitterMillis);
        return new Cached(token, staleAt, expiredAt);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static AccessToken await(CompletableFuture<AccessToken> refresh) throws IOException {
        try {
            return refresh.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for an access token");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException(cause);
        }
    }
}
