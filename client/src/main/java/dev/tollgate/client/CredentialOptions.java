package dev.tollgate.client;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * How {@link OAuth2Credentials} obtain and keep tokens. A token counts as <em>expired</em> from
 * {@code expiryMargin} before its expiry (a call made with it could arrive too late) and as <em>stale</em>
 * from {@code refreshMargin} before, less a random part of {@code jitter} so that many clients started
 * together do not refresh together. Both margins shrink for short-lived tokens (at most half and a tenth
 * of the lifetime), so a token of a few seconds is not stale from birth.
 *
 * @param clock         the time source (tests move it)
 * @param httpClient    the client token requests go through
 * @param executor      where refreshes run; callers waiting for an expired token wait on it
 * @param backoff       retries of a token request after network errors and 5xx answers
 * @param expiryMargin  how long before its expiry a token is no longer used
 * @param refreshMargin how long before its expiry a token is refreshed in the background
 * @param jitter        the largest random amount a proactive refresh starts earlier
 */
public record CredentialOptions(Clock clock, HttpClient httpClient, Executor executor, Backoff backoff,
                                Duration expiryMargin, Duration refreshMargin, Duration jitter) {

    private static final class Shared {
        static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        static final ExecutorService REFRESHES = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "tollgate-token-refresh");
            t.setDaemon(true);
            return t;
        });
    }

    public CredentialOptions {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(httpClient, "httpClient");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(backoff, "backoff");
        if (expiryMargin.isNegative() || refreshMargin.isNegative() || jitter.isNegative()) {
            throw new IllegalArgumentException("margins and jitter must not be negative");
        }
        if (refreshMargin.compareTo(expiryMargin) < 0) {
            throw new IllegalArgumentException("refreshMargin must be at least expiryMargin: a token is stale before it is expired");
        }
    }

    /** The system clock, a shared HTTP client, daemon refresh threads, {@link Backoff#DEFAULT}, margins of 1 and 4 minutes, 1 minute of jitter. */
    public static CredentialOptions defaults() {
        return new CredentialOptions(Clock.systemUTC(), Shared.HTTP, Shared.REFRESHES, Backoff.DEFAULT,
                Duration.ofMinutes(1), Duration.ofMinutes(4), Duration.ofMinutes(1));
    }

    /** These options with another clock. */
    public CredentialOptions withClock(Clock c) {
        return new CredentialOptions(c, httpClient, executor, backoff, expiryMargin, refreshMargin, jitter);
    }

    /** These options with another HTTP client. */
    public CredentialOptions withHttpClient(HttpClient h) {
        return new CredentialOptions(clock, h, executor, backoff, expiryMargin, refreshMargin, jitter);
    }

    /** These options with another executor for refreshes. */
    public CredentialOptions withExecutor(Executor e) {
        return new CredentialOptions(clock, httpClient, e, backoff, expiryMargin, refreshMargin, jitter);
    }

    /** These options with another retry policy. */
    public CredentialOptions withBackoff(Backoff b) {
        return new CredentialOptions(clock, httpClient, executor, b, expiryMargin, refreshMargin, jitter);
    }

    /** These options with other margins. */
    public CredentialOptions withMargins(Duration expiry, Duration refresh) {
        return new CredentialOptions(clock, httpClient, executor, backoff, expiry, refresh, jitter);
    }

    /** These options with another jitter (zero makes refreshes start at a predictable time). */
    public CredentialOptions withJitter(Duration j) {
        return new CredentialOptions(clock, httpClient, executor, backoff, expiryMargin, refreshMargin, j);
    }
}
