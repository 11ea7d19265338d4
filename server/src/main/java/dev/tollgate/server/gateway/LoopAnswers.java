package dev.tollgate.server.gateway;

import dev.tollgate.core.cors.CorsHeaders;
import dev.tollgate.protocol.ApiException;
import dev.tollgate.server.http.ErrorWriters;
import dev.tollgate.server.http.SecurityHeaders;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;

/**
 * What the event-loop listener writes of its own, with header names spelled as the main port spells
 * them (some clients compare them as written): the headers every gateway answer carries, and its refusals in Google's JSON.
 */
final class LoopAnswers {
    private static volatile CachedDate date = new CachedDate(0, "");

    private record CachedDate(long second, String text) {}

    private LoopAnswers() {
    }

    /** Tollgate's refusal, as the main port writes it: Google's JSON error body and its headers, the security headers and CORS. */
    static FullHttpResponse refusal(ApiException error, Map<String, String> cors, boolean close) {
        var response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(error.error().httpStatus()));
        HttpHeaders headers = response.headers();
        SecurityHeaders.apply(headers::set);
        byte[] body = ErrorWriters.api(error, headers::set).getBytes(StandardCharsets.UTF_8);
        response.content().writeBytes(body);
        headers.set("Content-Type", "application/json; charset=UTF-8");
        headers.setInt("Content-Length", body.length);
        common(headers, cors, close);
        return response;
    }

    /** An allowed preflight: 204 with its CORS headers. */
    static FullHttpResponse noContent(Map<String, String> cors, boolean close) {
        var response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT, Unpooled.EMPTY_BUFFER);
        SecurityHeaders.apply(response.headers()::set);
        common(response.headers(), cors, close);
        return response;
    }

    /** CORS (ours replace any other; {@code Vary} is added to), {@code Date}, and {@code Connection: close} when the connection ends. */
    static void common(HttpHeaders headers, Map<String, String> cors, boolean close) {
        cors.forEach((name, value) -> {
            if (name.equals(CorsHeaders.VARY)) {
                headers.add(name, value);
            } else {
                headers.set(name, value);
            }
        });
        headers.set("Date", date());
        if (close) {
            headers.set("Connection", "close");
        }
    }

    /** Formatted once a second, not once a call. */
    static String date() {
        long now = System.currentTimeMillis();
        CachedDate cached = date;
        if (cached.second() != now / 1000) {
            cached = new CachedDate(now / 1000, DateFormatter.format(new Date(now)));
            date = cached;
        }
        return cached.text();
    }
}
