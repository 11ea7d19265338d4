package dev.tollgate.server.gateway;

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
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Forwards an admitted call to its backend and streams the answer back. The caller's credentials
 * and any identity headers it sent never reach the backend; Tollgate's verified ones replace them.
 */
public final class BackendProxy {
    /** Hop-by-hop headers (RFC 9110 §7.6.1) and those the JDK client sets itself. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length", "expect",
            "http2-settings", "authorization", "x-goog-api-key", "cookie");
    private static final Set<String> NOT_RETURNED = Set.of("connection", "keep-alive", "transfer-encoding", "upgrade",
            "content-length", "trailer", "te", "proxy-authenticate", "set-cookie");
    public static final String IDENTITY_PREFIX = "x-tollgate-";

    private final HttpClient client;
    private final Duration timeout;

    public BackendProxy(Duration timeout) {
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        this.timeout = timeout;
    }

    /** @param identity headers to add, already verified */
    public void forward(Context ctx, URI target, Map<String, String> identity) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(timeout);
        Enumeration<String> names = ctx.req().getHeaderNames();
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            String lower = name.toLowerCase(Locale.ROOT);
            if (NOT_FORWARDED.contains(lower) || lower.startsWith(IDENTITY_PREFIX)) {
                continue;
            }
            Enumeration<String> values = ctx.req().getHeaders(name);
            while (values.hasMoreElements()) {
                request.header(name, values.nextElement());
            }
        }
        identity.forEach(request::header);
        request.method(ctx.method().name(), body(ctx));

        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
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

    static List<String> notForwarded() {
        return List.copyOf(NOT_FORWARDED);
    }
}
