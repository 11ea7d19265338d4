package dev.tollgate.server.gateway;

import dev.tollgate.core.gateway.BackendExchange;
import dev.tollgate.core.gateway.InboundHeaders;
import dev.tollgate.core.quota.QuotaAdmission;
import dev.tollgate.protocol.ApiError;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Forwards an admitted call to its backend and streams the answer back. The caller's credentials
 * and any identity headers it sent never reach the backend; Tollgate's verified ones replace them.
 */
public final class BackendProxy {
    /** Answer headers not passed back: hop-by-hop, cookies for Tollgate's origin, and those Tollgate sets itself. */
    private static final Set<String> NOT_RETURNED = Set.of("connection", "keep-alive", "transfer-encoding", "upgrade",
            "content-length", "trailer", "te", "proxy-authenticate", "set-cookie", "set-cookie2", "date", "server",
            "content-security-policy", "content-security-policy-report-only", "x-content-type-options");
    public static final String IDENTITY_PREFIX = "x-tollgate-";
    private static final int COPY_BUFFER = 16 * 1024;

    private final HttpClient client;
    private final Duration timeout;

    public BackendProxy(Duration timeout) {
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        this.timeout = timeout;
    }

    /** The backend side of the call that {@code ctx} carries. */
    public BackendExchange exchange(Context ctx) {
        return new Exchange(ctx);
    }

    private final class Exchange implements BackendExchange {
        private final Context ctx;
        private HttpRequest request;
        private HttpResponse<InputStream> response;

        Exchange(Context ctx) {
            this.ctx = ctx;
        }

        /** A header the HTTP client cannot carry is the caller's error (400), found before anything is charged or forwarded. */
        @Override
        public void prepare(URI target, Map<String, String> identity) {
            try {
                HttpRequest.Builder builder = HttpRequest.newBuilder(target).timeout(timeout);
                InboundHeaders inbound = InboundHeaders.nominatedBy(Collections.list(ctx.req().getHeaders("Connection")));
                Enumeration<String> names = ctx.req().getHeaderNames();
                while (names.hasMoreElements()) {
                    String name = names.nextElement();
                    if (!inbound.forwarded(name)) {
                        continue;
                    }
                    Enumeration<String> values = ctx.req().getHeaders(name);
                    while (values.hasMoreElements()) {
                        builder.header(name, values.nextElement());
                    }
                }
                identity.forEach(builder::header);
                builder.method(ctx.method().name(), body(ctx));
                request = builder.build();
            } catch (IllegalArgumentException e) {
                throw ApiError.INVALID_ARGUMENT.exception("The request has a header that cannot be forwarded.");
            }
        }

        @Override
        public void allowance(QuotaAdmission.Allowance allowance) {
            ctx.header("X-RateLimit-Limit", Long.toString(allowance.limit()));
            ctx.header("X-RateLimit-Remaining", Long.toString(allowance.remaining()));
            ctx.header("X-RateLimit-Reset", Long.toString(allowance.resetSeconds()));
        }

        @Override
        public int forward() {
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (HttpTimeoutException e) {
                throw ApiError.BACKEND_TIMEOUT.exception("The service behind this API did not answer within " + timeout.toSeconds() + " s.");
            } catch (IOException e) {
                throw ApiError.BACKEND_UNAVAILABLE.exception();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ApiError.BACKEND_UNAVAILABLE.exception();
            }
            return response.statusCode();
        }

        /** Sandboxed, so an answer can never run script on Tollgate's origin; the body is copied here to count it. */
        @Override
        public long deliver() {
            ctx.status(response.statusCode());
            response.headers().map().forEach((name, values) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                // CORS is the gateway's, from the catalog: a backend cannot widen it.
                if (!NOT_RETURNED.contains(lower) && !lower.startsWith("access-control-") && !name.startsWith(":")) {
                    for (String v : values) {
                        ctx.res().addHeader(name, v);
                    }
                }
            });
            ctx.res().setHeader("Content-Security-Policy", "sandbox; default-src 'none'; frame-ancestors 'none'");
            ctx.res().setHeader("X-Content-Type-Options", "nosniff");
            response.headers().firstValueAsLong("Content-Length").ifPresent(ctx.res()::setContentLengthLong);
            long sent = 0;
            try (InputStream body = response.body()) {
                OutputStream out = ctx.res().getOutputStream();
                byte[] buffer = new byte[COPY_BUFFER];
                int n;
                while ((n = body.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    sent += n;
                }
                out.flush();
            } catch (IOException e) {
                // The caller went away or the backend broke off: what was sent is what is counted.
            }
            return sent;
        }
    }

    private static HttpRequest.BodyPublisher body(Context ctx) {
        long length = ctx.req().getContentLengthLong();
        boolean chunked = ctx.header("Transfer-Encoding") != null;
        if (length == 0 || (length < 0 && !chunked)) {
            return HttpRequest.BodyPublishers.noBody();
        }
        return HttpRequest.BodyPublishers.ofInputStream(() -> {
            try {
                return ctx.req().getInputStream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
