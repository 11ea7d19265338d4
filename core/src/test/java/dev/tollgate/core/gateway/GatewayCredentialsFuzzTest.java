package dev.tollgate.core.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tollgate.protocol.ApiException;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the gateway reads from a call's query and headers: the API key, the bearer token, the forwarded query. */
class GatewayCredentialsFuzzTest {

    /**
     * Property: the forwarded query never carries a parameter whose name, percent-decoded as a
     * server decodes it, is one of Tollgate's ({@code key}, {@code access_token}, {@code oauth_token},
     * {@code quotaUser}): a credential is never forwarded to a backend in any spelling; every other
     * non-empty parameter is kept, in order, unchanged; a malformed escape is refused, never passed on.
     */
    @FuzzTest
    void forwardedQueryNeverCarriesTheKey(byte[] data) {
        String rawQuery = new String(data, StandardCharsets.UTF_8);
        String forwarded;
        try {
            forwarded = GatewayQuery.parse(rawQuery).forwarded();
        } catch (ApiException malformed) {
            return;
        }
        List<String> expected = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (!pair.isEmpty() && !GatewayQuery.OURS.contains(decodedName(pair))) {
                expected.add(pair);
            }
        }
        assertThat(forwarded).isEqualTo(String.join("&", expected));
        for (String pair : forwarded.split("&")) {
            assertThat(GatewayQuery.OURS).doesNotContain(decodedName(pair));
        }
    }

    /**
     * Input: an Authorization header value. Property: a bearer token is read only from
     * "Bearer " (any case) and is then non-empty, at most 4096 characters, without surrounding
     * whitespace, and the rest of the header; anything else present is an ApiException.
     */
    @FuzzTest
    void bearerTokenIsTheTrimmedRestOfABearerHeader(byte[] data) {
        String header = new String(data, StandardCharsets.UTF_8);
        Optional<String> token;
        try {
            token = GatewayCredentials.bearer(request(Optional.empty(), Optional.of(header)), GatewayQuery.parse(""));
        } catch (ApiException refused) {
            return;
        }
        assertThat(token).isPresent();
        assertThat(header.regionMatches(true, 0, "Bearer ", 0, 7)).isTrue();
        assertThat(token.get()).isNotEmpty().hasSizeLessThanOrEqualTo(4096)
                .isEqualTo(header.substring(7).trim());
    }

    /**
     * Input: the X-Goog-Api-Key header, a line feed, then key= values separated by line feeds.
     * Property: the key is read from one place only: two key parameters, or a header and a
     * parameter that differ, are an ApiException; otherwise the key is the parameter or the header.
     */
    @FuzzTest
    void apiKeyComesFromOnePlaceOnly(byte[] data) {
        String[] lines = new String(data, StandardCharsets.UTF_8).split("\n", -1);
        String header = lines[0].isEmpty() ? null : lines[0];
        List<String> query = List.of(lines).subList(1, lines.length);
        Optional<String> key;
        try {
            String rawQuery = String.join("&", query.stream().map(v -> "key=" + URLEncoder.encode(v, StandardCharsets.UTF_8)).toList());
            key = GatewayCredentials.apiKey(request(Optional.ofNullable(header), Optional.empty()), GatewayQuery.parse(rawQuery));
        } catch (ApiException refused) {
            assertThat(query.size() > 1 || query.size() == 1 && header != null && !header.equals(query.get(0))).isTrue();
            return;
        }
        assertThat(query.size()).isLessThanOrEqualTo(1);
        assertThat(key).isEqualTo(query.isEmpty() ? Optional.ofNullable(header) : Optional.of(query.get(0)));
    }

    /** The name as Jetty decodes it: '+' is a space, %XX a UTF-8 byte. */
    private static String decodedName(String pair) {
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        try {
            return URLDecoder.decode(name, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return name;
        }
    }

    /** A request with only the credential headers set. */
    private static GatewayRequest request(Optional<String> apiKeyHeader, Optional<String> authorization) {
        return new GatewayRequest("GET", "/posts/v1/posts", "", Optional.empty(), false, InetAddress.getLoopbackAddress(), -1,
                Optional.empty(), apiKeyHeader, authorization, GatewayRequest.AppHeaders.NONE);
    }
}
