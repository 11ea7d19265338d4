package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Hostile input on the OAuth endpoints: a clear error in the endpoint's format, never a redirect to an unregistered URI, never a 500. */
class OAuthHostileInputTest extends EndToEnd {
    private static final String REDIRECT = "https://hostile.example.org/cb";
    private OAuthClients.Registered web;

    @BeforeAll
    void client() {
        String project = createProject(adminToken);
        web = OAuthClients.register(http, adminToken, project, "web", List.of(REDIRECT));
    }

    static Stream<Arguments> authorizationQueries() {
        return Stream.of(
                Arguments.of("client twice", "client_id=CLIENT&client_id=CLIENT&redirect_uri=" + REDIRECT + "&response_type=code&scope=calendar"),
                Arguments.of("redirect twice", "client_id=CLIENT&redirect_uri=" + REDIRECT + "&redirect_uri=https://evil.example/&response_type=code&scope=calendar"),
                Arguments.of("no client", "redirect_uri=" + REDIRECT + "&response_type=code&scope=calendar"),
                Arguments.of("no redirect", "client_id=CLIENT&response_type=code&scope=calendar"),
                Arguments.of("huge client id", "client_id=" + "c".repeat(20000) + "&redirect_uri=" + REDIRECT),
                Arguments.of("encoded garbage", "client_id=%ff%fe&redirect_uri=%C0%AE%C0%AE"),
                Arguments.of("userinfo redirect", "client_id=CLIENT&redirect_uri=https://hostile.example.org@evil.example/cb&response_type=code&scope=calendar"),
                Arguments.of("dot-dot redirect", "client_id=CLIENT&redirect_uri=https://hostile.example.org/cb/../../evil&response_type=code&scope=calendar"),
                Arguments.of("encoded redirect", "client_id=CLIENT&redirect_uri=https%3A%2F%2Fhostile.example.org%2Fcb%2F..%2Fevil&response_type=code&scope=calendar"),
                Arguments.of("other port", "client_id=CLIENT&redirect_uri=https://hostile.example.org:444/cb&response_type=code&scope=calendar"),
                Arguments.of("javascript redirect", "client_id=CLIENT&redirect_uri=javascript:alert(1)&response_type=code&scope=calendar"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("authorizationQueries")
    void authorizationEndpointNeverRedirectsWhereItShouldNot(String what, String query) {
        Http.Response r = new Browser(server.baseUrl()).get("/o/oauth2/v2/auth?" + query.replace("CLIENT", web.clientId()));
        assertThat(r.status()).as(what + ": " + r).isBetween(400, 499);
        assertThat(r.header("Location")).as(what).isNull();
        assertThat(r.body()).as(what).doesNotContain("Exception");
    }

    @Test
    void longStateAndOversizedScopeShowAnErrorPageAndAreNotSentOn() {
        Browser browser = new Browser(server.baseUrl());
        Http.Response r = browser.get(OAuthClients.authUrl(web, REDIRECT, "calendar " + "x".repeat(300), "s", null, Map.of()));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Location")).isNull();
        assertThat(r.body()).contains("invalid_scope");
        Http.Response s = browser.get(OAuthClients.authUrl(web, REDIRECT, "calendar", "s".repeat(3000), null, Map.of()));
        assertThat(s.status()).isEqualTo(400);
        assertThat(s.header("Location")).isNull();
        assertThat(s.body()).contains("invalid_request").doesNotContain("s".repeat(3000));
    }

    static Stream<Arguments> tokenForms() {
        return Stream.of(
                Arguments.of("code grant without code", Map.of("grant_type", "authorization_code", "redirect_uri", REDIRECT)),
                Arguments.of("code grant with garbage code", Map.of("grant_type", "authorization_code", "code", "../../etc", "redirect_uri", REDIRECT)),
                Arguments.of("code grant with bad verifier", Map.of("grant_type", "authorization_code", "code", "tgc_x", "redirect_uri", REDIRECT,
                        "code_verifier", "short")),
                Arguments.of("refresh with garbage", Map.of("grant_type", "refresh_token", "refresh_token", "\u0000\u0001")),
                Arguments.of("refresh with bad scope", Map.of("grant_type", "refresh_token", "refresh_token", "tgr_x", "scope", "a\u0007b")),
                Arguments.of("device with garbage", Map.of("grant_type", "urn:ietf:params:oauth:grant-type:device_code", "device_code", "x".repeat(5000))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tokenForms")
    void tokenEndpointAnswersWithOAuthErrors(String what, Map<String, String> form) {
        Http.Response r = http.postForm("/token", form, "Authorization", web.basic());
        assertThat(r.status()).as(what + ": " + r).isIn(400, 401);
        assertThat(r.json().get("error").asText()).as(what).matches("invalid_(request|grant|scope|client)");
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void otherEndpointsRefuseGarbageClearly() {
        assertThat(http.postForm("/revoke", Map.of()).json().get("error").asText()).isEqualTo("invalid_request");
        assertThat(http.postForm("/revoke", Map.of("token", "\u0000garbage")).status()).isEqualTo(200);
        assertThat(http.get("/tokeninfo?access_token=garbage").json().get("error").asText()).isEqualTo("invalid_token");
        assertThat(http.get("/tokeninfo?id_token=a.b.c").json().get("error").asText()).isEqualTo("invalid_token");
        assertThat(http.get("/tokeninfo").json().get("error").asText()).isEqualTo("invalid_request");
        assertThat(http.postForm("/introspect", Map.of("token", "x"), "Authorization", "Basic !!!").status()).isEqualTo(401);
        assertThat(http.get("/v1/userinfo", "Authorization", "Bearer garbage").status()).isEqualTo(401);
        assertThat(http.postForm("/device/code", Map.of("client_id", "nope", "scope", "calendar")).json().get("error").asText()).isEqualTo("invalid_client");
        assertThat(http.postForm("/device/code", Map.of("client_id", web.clientId(), "scope", "calendar")).status()).isEqualTo(401);
    }

    static Stream<Arguments> malformedForms() {
        var out = Stream.<Arguments>builder();
        for (String endpoint : List.of("/token", "/introspect", "/tokeninfo", "/revoke", "/device/code")) {
            for (String body : List.of("token=%zz", "token=%", "%=x&token=a", "grant_type=refresh_token&refresh_token=%E0%A4%A",
                    "access_token=abc%G1", "token=" + "a".repeat(1_000_001))) {
                out.add(Arguments.of(endpoint, "application/x-www-form-urlencoded", "", body.length() > 100 ? "token=aaa…" : body, body));
            }
            out.add(Arguments.of(endpoint, "application/json", "", "{\"token\":\"a\"}", "{\"token\":\"a\"}"));
            out.add(Arguments.of(endpoint, "application/x-www-form-urlencoded", "?token=a", "token=a in the URL", "token=a"));
        }
        return out.build();
    }

    /** Both the endpoints answered ahead of Javalin and those it routes read a form alike, and refuse a mangled one whole. */
    @ParameterizedTest(name = "{0} {3} ({1})")
    @MethodSource("malformedForms")
    void aMalformedFormIsAnInvalidRequestOnEveryTokenEndpoint(String endpoint, String contentType, String query, String what, String body) {
        Http.Response r = http.send(http.request(endpoint + query).header("Content-Type", contentType)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)));

        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).isEqualTo("invalid_request");
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void tokeninfoAnswersHeadWithoutABody() {
        Http.Response head = http.send(http.request("/tokeninfo?access_token=garbage").method("HEAD",
                java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(head.status()).isEqualTo(400);
        assertThat(head.body()).isEmpty();
        assertThat(head.header("X-Frame-Options")).isEqualTo("DENY");
    }
}
