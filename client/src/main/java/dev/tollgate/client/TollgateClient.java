package dev.tollgate.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * Calls APIs behind a Tollgate gateway over {@link HttpClient}, with a credential on every request.
 * <ul>
 *   <li>An {@link ApiKey} goes in {@code X-Goog-Api-Key}, a token from {@link OAuth2Credentials} as
 *       {@code Authorization: Bearer}.</li>
 *   <li>A 401 with {@code error="invalid_token"} (a token revoked or expired early) makes the credentials
 *       drop that token and the call is sent once more with a new one.</li>
 *   <li>A 429 or 503 with {@code Retry-After} is retried after the wait the server asked for, as long as
 *       the waits of this call stay within the {@linkplain Builder#retryBudget retry budget}.</li>
 *   <li>Any other answer outside 2xx becomes an {@link ApiErrorException}; every answer carries the
 *       {@link RateLimit} the gateway reported.</li>
 * </ul>
 * Instances are thread-safe and meant to be shared.
 */
public final class TollgateClient {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final URI baseUrl;
    private final Credentials credentials;
    private final HttpClient http;
    private final Duration retryBudget;
    private final Clock clock;

    private TollgateClient(Builder b) {
        this.baseUrl = b.baseUrl;
        this.credentials = b.credentials;
        this.http = b.http;
        this.retryBudget = b.retryBudget;
        this.clock = b.clock;
    }

    /** A client for the gateway at this address, e.g. {@code https://tollgate.example}. */
    public static Builder builder(URI baseUrl) {
        return new Builder(baseUrl);
    }

    /** {@code GET} of a path under the base address, e.g. {@code /posts/v1/people/me/posts}. */
    public ApiResponse get(String path) throws IOException {
        return send("GET", path, null);
    }

    /** {@code POST} of a JSON body (any object Jackson can write, or a String that already is JSON). */
    public ApiResponse post(String path, Object jsonBody) throws IOException {
        return send("POST", path, jsonBody);
    }

    /** {@code DELETE} of a path. */
    public ApiResponse delete(String path) throws IOException {
        return send("DELETE", path, null);
    }

    /** A request with any method; {@code jsonBody} may be null. */
    public ApiResponse send(String method, String path, Object jsonBody) throws IOException {
        return send(method, path, jsonBody, "application/json");
    }

    /**
     * A request asking for another representation than JSON, e.g. {@code text/csv}; an error still comes
     * back as Google's JSON error body.
     */
    public ApiResponse send(String method, String path, Object jsonBody, String accept) throws IOException {
        Objects.requireNonNull(accept, "accept");
        String body = jsonBody == null ? null : jsonBody instanceof String s ? s : Json.write(jsonBody);
        URI uri = resolve(path);
        Duration waited = Duration.ZERO;
        boolean tokenRetried = false;
        while (true) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).header("Accept", accept)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                request.header("Content-Type", "application/json; charset=UTF-8");
            }
            Credentials.Applied applied = credentials == null ? null : credentials.applyTo(request);
            HttpResponse<String> response = TokenEndpointClient.send(http, request.build());
            int status = response.statusCode();
            HttpHeaders headers = response.headers();
            Optional<RateLimit> rateLimit = RateLimit.from(headers);
            if (status / 100 == 2) {
                return new ApiResponse(status, headers, response.body(), rateLimit);
            }
            if (status == 401 && !tokenRetried && applied != null && invalidToken(headers) && credentials.rejected(applied)) {
                tokenRetried = true;
                continue;
            }
            Optional<Duration> retryAfter = retryAfter(headers);
            if ((status == 429 || status == 503) && retryAfter.isPresent()
                    && waited.plus(retryAfter.get()).compareTo(retryBudget) <= 0) {
                sleep(retryAfter.get());
                waited = waited.plus(retryAfter.get());
                continue;
            }
            throw ApiErrorException.from(status, response.body(), retryAfter, rateLimit);
        }
    }

    private URI resolve(String path) {
        Objects.requireNonNull(path, "path");
        if (path.startsWith("http://") || path.startsWith("https://")) {
            return URI.create(path);
        }
        String base = baseUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + (path.startsWith("/") ? path : "/" + path));
    }

    private static boolean invalidToken(HttpHeaders headers) {
        return headers.allValues("WWW-Authenticate").stream()
                .anyMatch(h -> h.regionMatches(true, 0, "Bearer", 0, 6) && h.contains("error=\"invalid_token\""));
    }

    /** RFC 9110 §10.2.3: seconds, or an HTTP date. */
    private Optional<Duration> retryAfter(HttpHeaders headers) {
        Optional<String> value = headers.firstValue("Retry-After").map(String::trim);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.get()))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(clock.instant(), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    private static void sleep(Duration wait) throws InterruptedIOException {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while honouring Retry-After");
        }
    }

    /** The gateway's address. */
    public URI baseUrl() { return baseUrl; }

    /** Settings of a {@link TollgateClient}. */
    public static final class Builder {
        private final URI baseUrl;
        private Credentials credentials;
        private HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        private Duration retryBudget = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();

        private Builder(URI baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        }

        /** Who calls; without credentials, requests go out without any (the gateway will refuse most). */
        public Builder credentials(Credentials c) {
            this.credentials = c;
            return this;
        }

        /** The HTTP client to send with (its own proxy, TLS or executor settings). */
        public Builder httpClient(HttpClient h) {
            this.http = Objects.requireNonNull(h, "httpClient");
            return this;
        }

        /** The most time one call may spend waiting for {@code Retry-After} before the error is thrown (default 30 s; zero never waits). */
        public Builder retryBudget(Duration budget) {
            if (budget.isNegative()) {
                throw new IllegalArgumentException("The retry budget must not be negative.");
            }
            this.retryBudget = budget;
            return this;
        }

        /** The clock {@code Retry-After} dates are read against. */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /** The client. */
        public TollgateClient build() {
            return new TollgateClient(this);
        }
    }
}
