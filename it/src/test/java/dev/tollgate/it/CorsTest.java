package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CORS over raw HTTP: the gateway's preflights and headers from the catalog (Posts narrowed to one
 * origin, Calendar open to any), the token endpoints for clients' JavaScript origins, the public
 * documents for any origin, and nothing anywhere else.
 */
class CorsTest extends EndToEnd {
    static final String APP = "https://app.example";
    static final String EVIL = "https://app.example.evil.com";

    String project;
    String robotEmail;
    String robotToken;
    String key;
    String referrerKey;
    JsonClient spa;

    record JsonClient(String clientId, String secret) {}

    /** A backend that answers with CORS headers of its own, which must never reach the browser. */
    private HttpServer corsyBackend;

    @Override
    protected String[] extraServeArgs() throws IOException {
        corsyBackend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        corsyBackend.createContext("/thing", exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().add("Access-Control-Allow-Origin", EVIL);
                exchange.getResponseHeaders().add("Access-Control-Allow-Credentials", "true");
                exchange.getResponseHeaders().add("Access-Control-Expose-Headers", "X-Secret");
                exchange.getResponseHeaders().add("Vary", "Accept");
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                byte[] body = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        corsyBackend.start();
        String corsy = """
                  - name: corsy
                    version: v1
                    title: An API whose backend sends CORS headers
                    backend: http://127.0.0.1:%d
                    cors: {allowedOrigins: ["%s"]}
                    methods:
                      - {id: corsy.thing.get, http: GET, path: /thing, access: simple}
                """.formatted(corsyBackend.getAddress().getPort(), APP);
        return new String[] {"--config", CorsCatalog.withPostsAllowedFrom(List.of(APP), corsy).toString()};
    }

    @AfterAll
    void stopBackend() {
        if (corsyBackend != null) {
            corsyBackend.stop(0);
        }
    }

    @BeforeAll
    void projectKeysAndClient() throws IOException {
        project = createProject(adminToken);
        enable(adminToken, project, "posts");
        enable(adminToken, project, "calendar");
        enable(adminToken, project, "corsy");
        key = createKey(adminToken, project, Map.of("displayName", "web")).get("keyString").asText();
        referrerKey = createKey(adminToken, project, Map.of("displayName", "app page",
                "restrictions", Map.of("allowedReferrers", List.of(APP + "/*")))).get("keyString").asText();
        KeyFiles.KeyFile robot = createServiceAccount(adminToken, project, "poster");
        robotEmail = robot.email();
        robotToken = robot.accessToken(http, "posts");
        spa = client(List.of(APP));
    }

    private JsonClient client(List<String> origins) {
        Http.Response r = http.postJson("/admin/v1/projects/" + project + "/oauthClients", adminToken, Map.of("type", "web",
                "displayName", "Single-page app", "redirectUris", List.of(APP + "/callback"), "javascriptOrigins", origins));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return new JsonClient(r.json().get("clientId").asText(), r.json().get("clientSecret").asText());
    }

    private Http.Response preflight(String path, String origin, String method, String headers) {
        // Gateway paths go where the suite serves the gateway; Tollgate's own endpoints are on the main port.
        Http to = path.startsWith("/posts/v1/") || path.startsWith("/calendar/v3/") || path.startsWith("/corsy/v1/") ? gateway : http;
        HttpRequest.Builder b = to.request(path).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", method);
        if (headers != null) {
            b.header("Access-Control-Request-Headers", headers);
        }
        return to.send(b);
    }

    private static void assertNoCors(Http.Response r) {
        assertThat(r.headers().map().keySet()).as(r.headers().toString())
                .noneMatch(name -> name.toLowerCase(java.util.Locale.ROOT).startsWith("access-control-"));
    }

    // ---- The gateway ----

    @Test
    void aPreflightFromAnAllowedOriginIsAnsweredByTollgateItself() {
        Http.Response r = preflight("/posts/v1/people/me/posts", APP, "POST", "authorization,content-type");
        assertThat(r.status()).as(r.toString()).isEqualTo(204);
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo(APP);
        assertThat(r.header("Access-Control-Allow-Methods")).isEqualTo("GET, HEAD, POST");
        assertThat(r.header("Access-Control-Allow-Headers")).contains("Authorization", "Content-Type", "X-Goog-Api-Key");
        assertThat(r.header("Access-Control-Max-Age")).isEqualTo("3600");
        assertThat(r.headers().allValues("Vary")).contains("Origin");
        assertThat(r.header("Access-Control-Allow-Credentials")).isNull();
        // Never forwarded: every answer a backend gives carries the sandbox policy.
        assertThat(r.header("Content-Security-Policy")).doesNotContain("sandbox");
    }

    @Test
    void aPreflightFromAnotherOriginOrForAnotherMethodOrHeaderIsRefusedWithoutCorsHeaders() {
        for (Http.Response r : List.of(
                preflight("/posts/v1/people/me/posts", EVIL, "POST", null),
                preflight("/posts/v1/people/me/posts", "null", "POST", null),
                preflight("/posts/v1/people/me/posts", APP + "/", "POST", null),
                preflight("/posts/v1/people/me/posts", APP, "DELETE", null),
                preflight("/posts/v1/people/me/posts", APP, "POST", "authorization,x-tollgate-user"),
                preflight("/posts/v1/nothing/here", APP, "GET", null))) {
            assertThat(r.status()).as(r.toString()).isEqualTo(403);
            assertThat(r.reason()).isEqualTo("CORS_REQUEST_BLOCKED");
            assertThat(r.header("Access-Control-Allow-Origin")).isNull();
            assertThat(r.header("Access-Control-Allow-Methods")).isNull();
        }
        Http.Response dotted = preflight("/posts/v1/people/%2e%2e/posts", APP, "GET", null);
        assertThat(dotted.status()).as("the gateway's path rules come first").isEqualTo(400);
        assertNoCors(dotted);
    }

    @Test
    void anOptionsRequestThatIsNoPreflightGoesThroughTheGateway() {
        Http.Response r = gateway.send(gateway.request("/posts/v1/people/me/posts?key=" + key).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", APP));
        assertThat(r.status()).as(r.toString()).isEqualTo(404);
        assertThat(r.json().path("error").path("message").asText()).startsWith("Method not found: OPTIONS");
    }

    @Test
    void callsFromTheAllowedOriginCanReadTheAnswerAndTheQuotaHeaders() {
        Http.Response r = gateway.get("/posts/v1/people/" + robotEmail + "/posts?key=" + key, "Origin", APP);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo(APP);
        assertThat(r.header("Access-Control-Expose-Headers")).contains("X-RateLimit-Remaining", "Retry-After");
        assertThat(r.header("X-RateLimit-Remaining")).isNotNull();
        assertThat(r.headers().allValues("Vary")).contains("Origin");
        assertThat(r.header("Access-Control-Allow-Credentials")).isNull();
        assertThat(r.header("Content-Security-Policy")).as("the backend's answer stays sandboxed").contains("sandbox");

        Http.Response other = gateway.get("/posts/v1/people/" + robotEmail + "/posts?key=" + key, "Origin", EVIL);
        assertThat(other.status()).as("the browser, not Tollgate, keeps the answer from the page").isEqualTo(200);
        assertNoCors(other);
        assertThat(other.headers().allValues("Vary")).contains("Origin");
    }

    @Test
    void aBackendsOwnCorsHeadersNeverReachTheBrowser() {
        Http.Response r = gateway.get("/corsy/v1/thing?key=" + key, "Origin", APP);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.headers().allValues("Access-Control-Allow-Origin")).containsExactly(APP);
        assertThat(r.headers().allValues("Access-Control-Expose-Headers")).hasSize(1).noneMatch(v -> v.contains("X-Secret"));
        assertThat(r.header("Access-Control-Allow-Credentials")).isNull();
        assertThat(String.join(",", r.headers().allValues("Vary"))).contains("Accept").contains("Origin");

        Http.Response evil = gateway.get("/corsy/v1/thing?key=" + key, "Origin", EVIL);
        assertThat(evil.status()).isEqualTo(200);
        assertNoCors(evil);
    }

    @Test
    void theGatewaysOwnErrorsCarryTheHeadersSoPagesCanReadThem() {
        Http.Response badKey = gateway.get("/posts/v1/people/" + robotEmail + "/posts?key=tgk_nope", "Origin", APP);
        assertThat(badKey.status()).isEqualTo(400);
        assertThat(badKey.reason()).isEqualTo("API_KEY_INVALID");
        assertThat(badKey.header("Access-Control-Allow-Origin")).isEqualTo(APP);

        Http.Response noToken = gateway.get("/calendar/v3/calendars/primary/events", "Origin", "https://anyone.example");
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(noToken.header("Access-Control-Allow-Origin")).as("Calendar allows any origin").isEqualTo("*");
        assertThat(noToken.header("Access-Control-Expose-Headers")).contains("WWW-Authenticate");
    }

    @Test
    void aReferrerRestrictedKeyStillChecksTheReferer() {
        String path = "/posts/v1/people/" + robotEmail + "/posts?key=" + referrerKey;
        Http.Response fromApp = gateway.get(path, "Origin", APP, "Referer", APP + "/");
        assertThat(fromApp.status()).as(fromApp.toString()).isEqualTo(200);
        assertThat(fromApp.header("Access-Control-Allow-Origin")).isEqualTo(APP);

        Http.Response elsewhere = gateway.get(path, "Origin", APP, "Referer", EVIL + "/");
        assertThat(elsewhere.status()).isEqualTo(403);
        assertThat(elsewhere.reason()).isEqualTo("API_KEY_HTTP_REFERRER_BLOCKED");
        assertThat(elsewhere.header("Access-Control-Allow-Origin")).isEqualTo(APP);
    }

    @Test
    void anApiWithoutCorsInTheCatalogAllowsAnyOrigin() {
        Http.Response r = preflight("/calendar/v3/calendars/primary/events", "http://localhost:3000", "GET", "authorization");
        assertThat(r.status()).as(r.toString()).isEqualTo(204);
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(r.header("Access-Control-Allow-Methods")).isEqualTo("GET, HEAD, POST");
    }

    // ---- The token endpoints ----

    @Test
    void theTokenEndpointsAnswerPreflightsForRegisteredOriginsOnly() {
        for (String path : List.of("/token", "/revoke", "/tokeninfo", "/v1/userinfo")) {
            Http.Response allowed = preflight(path, APP, "POST", "content-type");
            assertThat(allowed.status()).as(path + " " + allowed).isEqualTo(204);
            assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(APP);
            assertThat(allowed.header("Access-Control-Allow-Credentials")).isNull();
            Http.Response refused = preflight(path, EVIL, "POST", "content-type");
            assertThat(refused.status()).as(path).isEqualTo(403);
            assertNoCors(refused);
        }
        assertThat(preflight("/v1/userinfo", APP, "GET", "authorization").header("Access-Control-Allow-Methods")).isEqualTo("GET, POST");
    }

    @Test
    void theTokenEndpointAnswersTheOriginsOfTheClientTheRequestNames() {
        Map<String, String> form = Map.of("grant_type", "authorization_code", "code", "nope", "redirect_uri", APP + "/callback",
                "client_id", spa.clientId(), "client_secret", spa.secret());
        Http.Response mine = http.postForm("/token", form, "Origin", APP);
        assertThat(mine.status()).as(mine.toString()).isEqualTo(400);
        assertThat(mine.json().get("error").asText()).isEqualTo("invalid_grant");
        assertThat(mine.header("Access-Control-Allow-Origin")).isEqualTo(APP);

        JsonClient other = client(List.of("https://other.example"));
        Http.Response notMine = http.postForm("/token", Map.of("grant_type", "authorization_code", "code", "nope",
                "redirect_uri", APP + "/callback", "client_id", other.clientId(), "client_secret", other.secret()), "Origin", APP);
        assertThat(notMine.status()).isEqualTo(400);
        assertNoCors(notMine);
    }

    @Test
    void tokeninfoAndUserinfoAnswerRegisteredOrigins() {
        Http.Response info = http.get("/tokeninfo?access_token=" + robotToken, "Origin", APP);
        assertThat(info.status()).as(info.toString()).isEqualTo(200);
        assertThat(info.header("Access-Control-Allow-Origin")).isEqualTo(APP);
        assertNoCors(http.get("/tokeninfo?access_token=" + robotToken, "Origin", EVIL));
        Http.Response user = http.get("/v1/userinfo", "Origin", APP, "Authorization", "Bearer nope");
        assertThat(user.status()).isEqualTo(401);
        assertThat(user.header("Access-Control-Allow-Origin")).isEqualTo(APP);
    }

    @Test
    void aNewClientsOriginIsAnsweredAtOnceAndADeletedOnesNoMore() {
        String fresh = "https://fresh-" + project + ".example";
        assertThat(preflight("/token", fresh, "POST", null).status()).isEqualTo(403);
        JsonClient client = client(List.of(fresh));
        assertThat(preflight("/token", fresh, "POST", null).header("Access-Control-Allow-Origin")).isEqualTo(fresh);
        Http.Response deleted = http.delete("/admin/v1/projects/" + project + "/oauthClients/" + client.clientId(), adminToken);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        assertThat(preflight("/token", fresh, "POST", null).status()).isEqualTo(403);
    }

    // ---- Everything else ----

    @Test
    void signInConsentAndTheAdminApiAnswerNoCors() {
        assertNoCors(preflight("/admin/v1/projects", APP, "GET", "authorization"));
        assertNoCors(http.get("/admin/v1/projects", "Origin", APP, "Authorization", "Bearer " + adminToken));
        assertNoCors(http.get("/signin", "Origin", APP));
        assertNoCors(http.get("/o/oauth2/v2/auth?client_id=" + spa.clientId(), "Origin", APP));
        assertNoCors(preflight("/introspect", APP, "POST", null));
        assertNoCors(preflight("/device/code", APP, "POST", null));
    }

    @Test
    void publicDocumentsAnswerAnyOrigin() {
        for (String path : List.of("/.well-known/openid-configuration", "/oauth2/v3/certs", "/oauth2/v1/certs", "/discovery/v1/apis",
                "/discovery/v1/apis/posts/v1/rest", "/posts/v1/$discovery/rest", "/service_accounts/v1/jwk/" + robotEmail)) {
            Http.Response r = http.get(path, "Origin", "https://anyone.example");
            assertThat(r.status()).as(path + " " + r).isEqualTo(200);
            assertThat(r.header("Access-Control-Allow-Origin")).as(path).isEqualTo("*");
            assertThat(r.header("Access-Control-Allow-Credentials")).isNull();
        }
    }
}
