package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input on every parser that faces the outside: paths, headers, keys, tokens, forms and
 * JSON. Each gets a clear 4xx in its wire format; none a 500, a stack trace or a redirect.
 * Requests are written on a raw socket so that nothing client-side cleans them up.
 */
class HostileInputTest extends EndToEnd {
    private String key;
    private String project;

    @BeforeAll
    void keyForPosts() {
        project = createProject(adminToken);
        enable(adminToken, project, "posts");
        key = createKey(adminToken, project, Map.of()).get("keyString").asText();
    }

    record Raw(int status, String head, String body) {}

    /** Sends bytes as they are and reads the answer. */
    private Raw raw(String request) throws IOException {
        return raw(URI.create(server.baseUrl()), request);
    }

    /** Where gateway calls go: the event-loop listener in {@link HostileInputOnEventLoopTest}. */
    private URI gateway() {
        return URI.create(server.gatewayUrl());
    }

    private Raw raw(URI base, String request) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(15000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int headEnd = response.indexOf("\r\n\r\n");
            String head = headEnd < 0 ? response : response.substring(0, headEnd);
            String body = headEnd < 0 ? "" : response.substring(headEnd + 4);
            int status = Integer.parseInt(head.substring(9, 12));
            return new Raw(status, head, body);
        }
    }

    private static String get(String target, String... headerLines) {
        var sb = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
        for (String h : headerLines) {
            sb.append(h).append("\r\n");
        }
        return sb.append("\r\n").toString();
    }

    private static String post(String target, String contentType, String body, String... headerLines) {
        var sb = new StringBuilder("POST " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: "
                + contentType + "\r\nContent-Length: " + body.getBytes(StandardCharsets.ISO_8859_1).length + "\r\n");
        for (String h : headerLines) {
            sb.append(h).append("\r\n");
        }
        return sb.append("\r\n").append(body).toString();
    }

    /** A keyed call whose body framing a backend could read differently, with a second call hidden after it. */
    private static String framed(String framing) {
        return "GET /posts/v1/people/x/posts?key=KEY HTTP/1.1\r\nHost: localhost\r\n" + framing + "\r\n\r\n0\r\n\r\n"
                + "GET /posts/v1/people/x/posts?key=KEY HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
    }

    static Stream<Arguments> gatewayRequests() {
        String longSegment = "a".repeat(6000);
        return Stream.of(
                Arguments.of("dot-dot out of the API", get("/posts/v1/../../admin/v1/projects")),
                Arguments.of("encoded dot-dot", get("/posts/v1/people/%2e%2e/posts?key=KEY")),
                Arguments.of("encoded slash in a variable", get("/posts/v1/people/a%2Fb/posts?key=KEY")),
                Arguments.of("NUL in path", get("/posts/v1/people/%00/posts?key=KEY")),
                Arguments.of("invalid UTF-8 in path", get("/posts/v1/posts/%ff%fe?key=KEY")),
                Arguments.of("bad percent escape", get("/posts/v1/posts/%zz?key=KEY")),
                Arguments.of("long path", get("/posts/v1/posts/" + longSegment + "?key=KEY")),
                Arguments.of("empty segment", get("/posts/v1/people//posts?key=KEY")),
                Arguments.of("key twice", get("/posts/v1/people/x/posts?key=KEY&key=KEY")),
                Arguments.of("key and header disagree", get("/posts/v1/people/x/posts?key=KEY", "X-Goog-Api-Key: tgk_other")),
                Arguments.of("huge key", get("/posts/v1/people/x/posts?key=" + "k".repeat(4000))),
                Arguments.of("key with unicode", get("/posts/v1/people/x/posts?key=tgk_%E2%98%83")),
                Arguments.of("empty key", get("/posts/v1/people/x/posts?key=")),
                Arguments.of("empty bearer", get("/posts/v1/people/x/posts", "Authorization: Bearer ")),
                Arguments.of("bearer with spaces", get("/posts/v1/people/x/posts", "Authorization: Bearer a b c")),
                Arguments.of("huge bearer", get("/posts/v1/people/x/posts", "Authorization: Bearer " + "t".repeat(5000))),
                Arguments.of("unknown scheme", get("/posts/v1/people/x/posts", "Authorization: Digest x")),
                Arguments.of("spoofed identity header", get("/posts/v1/people/x/posts", "X-Tollgate-Project: tollgate")),
                Arguments.of("header too large", get("/posts/v1/people/x/posts?key=KEY", "X-Big: " + "b".repeat(20000))),
                Arguments.of("unknown api", get("/nope/v1/x?key=KEY")),
                Arguments.of("length and chunked", framed("Content-Length: 5\r\nTransfer-Encoding: chunked")),
                Arguments.of("chunked and length", framed("Transfer-Encoding: chunked\r\nContent-Length: 5")),
                Arguments.of("two lengths", framed("Content-Length: 5\r\nContent-Length: 6")),
                Arguments.of("identity coding", framed("Transfer-Encoding: identity")),
                Arguments.of("chunked twice", framed("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked")),
                Arguments.of("chunked not last", framed("Transfer-Encoding: chunked, identity")),
                Arguments.of("unknown coding", framed("Transfer-Encoding: xchunked")),
                Arguments.of("negative length", framed("Content-Length: -5")),
                Arguments.of("unsupported verb", "TRACE /posts/v1/posts/x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
                Arguments.of("bad JSON to a sample", post("/posts/v1/people/me/posts", "application/json", "{\"content\": [1,2,", "Authorization: Bearer TOKEN")),
                Arguments.of("deep JSON to a sample", post("/posts/v1/people/me/posts", "application/json", "[".repeat(5000), "Authorization: Bearer TOKEN")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gatewayRequests")
    void gatewayAnswersHostileRequestsWithAClearClientError(String what, String request) throws Exception {
        String token = adminKey.accessToken(http, "posts");
        Raw r = raw(gateway(), request.replace("KEY", key).replace("TOKEN", token));
        assertThat(r.status()).as(what + ": " + r.head() + "\n" + r.body()).isBetween(400, 499);
        assertThat(r.body()).as(what).contains("\"error\"").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.head()).as(what).doesNotContainIgnoringCase("Location:");
    }

    @Test
    void malformedForwardedForFromUntrustedPeerIsIgnored() throws Exception {
        Raw r = raw(gateway(), get("/posts/v1/people/x/posts?key=" + key, "X-Forwarded-For: ::::, not-an-ip"));
        assertThat(r.status()).isEqualTo(200);
    }

    @Test
    void spoofedIdentityHeaderWithoutCredentialsIsStillRefused() throws Exception {
        Raw r = raw(gateway(), get("/posts/v1/people/x/posts", "X-Tollgate-Project: tollgate", "X-Tollgate-Access: simple"));
        assertThat(r.status()).isEqualTo(403);
    }

    static Stream<Arguments> tokenRequests() {
        return Stream.of(
                Arguments.of("empty body", post("/token", "application/x-www-form-urlencoded", "")),
                Arguments.of("garbage form", post("/token", "application/x-www-form-urlencoded", "%%%&&&===")),
                Arguments.of("huge assertion", post("/token", "application/x-www-form-urlencoded",
                        "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=" + "a".repeat(40000))),
                Arguments.of("assertion of dots", post("/token", "application/x-www-form-urlencoded",
                        "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=...")),
                Arguments.of("alg none", post("/token", "application/x-www-form-urlencoded",
                        "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=eyJhbGciOiJub25lIn0.e30.")),
                Arguments.of("scope with control characters", post("/token", "application/x-www-form-urlencoded",
                        "grant_type=client_credentials&scope=posts%0Aadmin&client_id=x&client_secret=y")),
                Arguments.of("grant type twice", post("/token", "application/x-www-form-urlencoded", "grant_type=a&grant_type=b")),
                Arguments.of("basic auth garbage", post("/token", "application/x-www-form-urlencoded", "grant_type=client_credentials",
                        "Authorization: Basic !!!")),
                Arguments.of("basic without colon", post("/token", "application/x-www-form-urlencoded", "grant_type=client_credentials",
                        "Authorization: Basic YWJj")),
                Arguments.of("two client auth methods", post("/token", "application/x-www-form-urlencoded",
                        "grant_type=client_credentials&client_id=a&client_secret=b", "Authorization: Basic YTpi")),
                Arguments.of("multipart", post("/token", "multipart/form-data; boundary=x", "--x--")),
                Arguments.of("no content type", "POST /token HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: 3\r\n\r\na=b"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tokenRequests")
    void tokenEndpointAnswersHostileRequestsWithAnOAuthError(String what, String request) throws Exception {
        Raw r = raw(request);
        assertThat(r.status()).as(what + ": " + r.head() + "\n" + r.body()).isIn(400, 401);
        assertThat(r.body()).as(what).matches("(?s)\\{\"error\":\"[a-z_]+\",\"error_description\":\".*\"}");
        assertThat(r.head()).contains("Cache-Control: no-store");
    }

    static Stream<Arguments> adminRequests() {
        return Stream.of(
                Arguments.of("deep JSON", "/admin/v1/projects", "[".repeat(3000)),
                Arguments.of("huge string", "/admin/v1/projects", "{\"projectId\":\"" + "p".repeat(300_000) + "\"}"),
                Arguments.of("huge number", "/admin/v1/projects/PROJECT/keys", "{\"displayName\":" + "9".repeat(5000) + "}"),
                Arguments.of("too large body", "/admin/v1/projects", "{\"displayName\":\"" + "x".repeat(1_200_000) + "\"}"),
                Arguments.of("restrictions wrong type", "/admin/v1/projects/PROJECT/keys", "{\"restrictions\":{\"allowedIps\":\"1.2.3.4\"}}"),
                Arguments.of("null in list", "/admin/v1/projects/PROJECT/keys", "{\"restrictions\":{\"allowedIps\":[null]}}"),
                Arguments.of("control chars in display name", "/admin/v1/projects/PROJECT/keys", "{\"displayName\":\"a\\u0000b\"}"),
                Arguments.of("invalid UTF-8", "/admin/v1/projects", "{\"projectId\":\"\u00ff\u00fe\"}"),
                Arguments.of("unknown project id syntax", "/admin/v1/projects/..%2F..%2Fetc/keys", "{}"),
                Arguments.of("bad service account id", "/admin/v1/projects/PROJECT/serviceAccounts/%00/keys", "{}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("adminRequests")
    void adminApiAnswersHostileRequestsWithAClearClientError(String what, String path, String body) throws Exception {
        Raw r = raw(post(path.replace("PROJECT", project), "application/json", body, "Authorization: Bearer " + adminToken));
        assertThat(r.status()).as(what + ": " + r.head() + "\n" + r.body()).isBetween(400, 499);
        assertThat(r.body()).as(what).contains("\"error\"").doesNotContain("Exception");
    }

    @Test
    void nothingWasStoredByHostileAdminRequests() {
        assertThat(http.getWithToken("/admin/v1/projects/" + project + "/keys", adminToken).json().get("keys")).hasSize(1);
    }

    @Test
    void tokeninfoRefusesAMangledQueryWithAnOAuthError() throws IOException {
        for (String query : List.of("access_token=%zz", "access_token=%", "%=x&access_token=a", "id_token=a%G1")) {
            Raw r = raw(get("/tokeninfo?" + query));
            assertThat(r.status()).as(query).isEqualTo(400);
            assertThat(r.body()).as(query).contains("\"invalid_request\"").contains("percent-encoded").doesNotContain("Exception");
        }
    }
}
