package dev.tollgate.server.gateway;

import dev.tollgate.core.gateway.InboundHeaders;
import dev.tollgate.protocol.ApiError;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
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

    private final HttpClient client;
    private final Duration timeout;

    public BackendProxy(Duration timeout) {
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        this.timeout = timeout;
    }

    /**
     * The backend request: the caller's headers that may travel ({@link InboundHeaders}) and Tollgate's
     * verified ones. A header the HTTP client cannot carry is the caller's error (400), found before
     * anything is charged or forwarded.
     *
     * @param identity headers to add, already verified
     */
    public HttpRequest prepare(Context ctx, URI target, Map<String, String> identity) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(timeout);
            InboundHeaders inbound = InboundHeaders.nominatedBy(Collections.list(ctx.req().getHeaders("Connection")));
            Enumeration<String> names = ctx.req().getHeaderNames();
            while (names.hasMoreElements()) {
                String name = names.nextElement();
                if (!inbound.forwarded(name)) {
                    continue;
                }
                Enumeration<String> values = ctx.req().getHeaders(name);
                while (values.hasMoreElements()) {
                    request.header(name, values.nextElement());
                }
            }
            identity.forEach(request::header);
            request.method(ctx.method().name(), body(ctx));
            return request.build();
        } catch (IllegalArgumentException e) {
            throw ApiError.INVALID_ARGUMENT.exception("The request has a header that cannot be forwarded.");
        }
    }

    /** Sends a prepared request and streams the answer back, sandboxed so it can never run script on Tollgate's origin. */
    public void send(Context ctx, HttpRequest request) {
        HttpResponse<InputStream> response;
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
        ctx.status(response.statusCode());
        response.headers().map().forEach((name, values) -> {
            if (!NOT_RETURNED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                for (String v : values) {
                    ctx.res().addHeader(name, v);
                }
            }
        });
        ctx.res().setHeader("Content-Security-Policy", "sandbox; default-src 'none'; frame-ancestors 'none'");
        ctx.res().setHeader("X-Content-Type-Options", "nosniff");
        ctx.result(response.body());
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
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
