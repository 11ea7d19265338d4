package dev.tollgate.client;

import dev.tollgate.protocol.OAuthErrorBody;
import dev.tollgate.protocol.TokenResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** Form posts to OAuth endpoints and their answers: a {@link TokenResponse} or a {@link TokenRequestException}. */
final class TokenEndpointClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private TokenEndpointClient() {}

    static TokenResponse token(HttpClient http, URI endpoint, Map<String, List<String>> form) throws IOException {
        HttpResponse<String> response = post(http, endpoint, form);
        if (response.statusCode() / 100 != 2) {
            throw refusal(response);
        }
        TokenResponse token = Json.read(response.body(), TokenResponse.class);
        if (token.accessToken() == null || token.accessToken().isBlank()) {
            throw new IOException("The token endpoint answered without an access_token.");
        }
        return token;
    }

    static HttpResponse<String> post(HttpClient http, URI endpoint, Map<String, List<String>> form) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build();
        return send(http, request);
    }

    static HttpResponse<String> send(HttpClient http, HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for " + request.uri());
        }
    }

    /** The error an answer carries; a body that is not RFC 6749's still gives the status. */
    static TokenRequestException refusal(HttpResponse<String> response) {
        OAuthErrorBody body = null;
        try {
            body = Json.read(response.body(), OAuthErrorBody.class);
        } catch (IOException | RuntimeException notJson) {
            // An HTML error page of a proxy: the status is all there is to say.
        }
        String error = body == null ? null : body.error();
        String description = body == null ? null : body.errorDescription();
        if ("invalid_grant".equals(error)) {
            return new InvalidGrantException(response.statusCode(), description);
        }
        return new TokenRequestException(response.statusCode(), error, description);
    }

    static String encode(Map<String, List<String>> form) {
        var joiner = new StringJoiner("&");
        form.forEach((name, values) -> values.forEach(v ->
                joiner.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8))));
        return joiner.toString();
    }
}
