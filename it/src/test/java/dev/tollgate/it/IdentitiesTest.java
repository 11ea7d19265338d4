package dev.tollgate.it;

import static dev.tollgate.it.ApiKeyGatewayTest.assertGoogleError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, item 1: a person and a service account are never the same principal. Service-account
 * addresses are nobody's to sign up with, backends learn the caller's kind, the sample posts are
 * kept per principal, and deleted projects and service accounts take their roles with them and
 * keep their ids for good.
 */
class IdentitiesTest extends EndToEnd {
    private static final String PASSWORD = "correct horse battery";
    private static final String REDIRECT = "https://app.example.com/callback";
    private static final String FULL_WIDTH_ADMIN =
            "\uff41\uff44\uff4d\uff49\uff4e\uff20\uff54\uff4f\uff4c\uff4c\uff47\uff41\uff54\uff45\uff0e\uff49\uff41\uff4d";

    private HttpServer backend;
    private String project;
    private OAuthClients.Registered web;

    @Override
    protected String[] extraServeArgs() throws IOException {
        backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        backend.createContext("/base/echo", IdentitiesTest::echoHeaders);
        backend.start();
        Path catalog = Files.createTempFile("catalog", ".yaml");
        Files.writeString(catalog, """
                apis:
                  - name: echo
                    version: v1
                    title: Echo API
                    backend: http://127.0.0.1:%d/base
                    scopes:
                      - name: echo
                        description: Echo what you send
                    methods:
                      - id: echo.get
                        http: GET
                        path: /echo/{thing}
                        access: either
                        scopes: [echo]
                  - name: posts
                    version: v1
                    title: Posts API
                    backend: builtin:posts
                    scopes:
                      - name: posts
                        description: See, edit, create and delete your posts
                    methods:
                      - id: posts.people.posts.list
                        http: GET
                        path: /people/{userId}/posts
                        access: either
                        scopes: [posts]
                      - id: posts.posts.get
                        http: GET
                        path: /posts/{postId}
                        access: either
                        scopes: [posts]
                      - id: posts.people.posts.insert
                        http: POST
                        path: /people/me/posts
                        access: authorized
                        scopes: [posts]
                """.formatted(backend.getAddress().getPort()));
        return new String[] {"--config", catalog.toString()};
    }

    @BeforeAll
    void projectWithAWebClient() {
        project = createProject(adminToken);
        enable(adminToken, project, "echo");
        enable(adminToken, project, "posts");
        http.patchJson("/admin/v1/projects/" + project + "/consentScreen", adminToken, Map.of("applicationName", "Identity Check"));
        web = OAuthClients.register(http, adminToken, project, "web", List.of(REDIRECT));
    }

    @AfterAll
    void stopBackend() {
        if (backend != null) {
            backend.stop(0);
        }
    }

    // --- reserved addresses ---

    @Test
    void signUpWithAServiceAccountAddressIsRefusedInEverySpelling() {
        String bot = "poster-bot@" + project + ".iam";
        for (String spelling : List.of("admin@tollgate.iam", "ADMIN@TOLLGATE.IAM", "  Admin@Tollgate.Iam ", FULL_WIDTH_ADMIN,
                "admin@tollgate.iam.", "\"admin\"@tollgate.iam", "admin%40tollgate.iam@example.com", "admin%tollgate.iam@relay.example",
                "admin@tollgate.xn--am-goc", "admin@tollgate.\u0456am", bot, bot.toUpperCase(), "someone@iam")) {
            Browser browser = new Browser(server.baseUrl());
            Http.Response page = browser.get("/signup");
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            Http.Response answer = browser.submit(page, 0, Map.of("email", spelling, "password", PASSWORD));
            assertThat(answer.status()).as(spelling + " → " + answer).isEqualTo(400);
            assertThat(answer.header("Set-Cookie")).as(spelling).isNull();
        }
        Browser browser = new Browser(server.baseUrl());
        Http.Response signIn = browser.signIn(browser.get("/signin"), "admin@tollgate.iam", PASSWORD);
        assertThat(signIn.status()).as("no person admin@tollgate.iam exists: " + signIn).isNotIn(302, 303);
    }

    @Test
    void theAdministratorCannotCreateAPersonWithAServiceAccountAddressInAnySpelling() {
        String bot = "poster-bot@" + project + ".iam";
        for (String spelling : List.of("admin@tollgate.iam", "ADMIN@tollgate.IAM", " admin@tollgate.iam\t", FULL_WIDTH_ADMIN,
                "admin@tollgate.iam.", "\"admin\"@tollgate.iam", "admin%40tollgate.iam@example.com", "admin%2540tollgate.iam@example.com",
                "admin@tollgate.xn--am-goc", "admin@tollgate.XN--AM-Z9B", "admin@tollgate.xn--iam-5m0a", bot, "x@deep.sub.iam")) {
            Http.Response r = http.postJson("/admin/v1/users", adminToken, Map.of("email", spelling, "password", PASSWORD));
            assertGoogleError(r, 400, "INVALID_ARGUMENT", "BAD_REQUEST");
        }
        String person = "fine-" + UUID.randomUUID().toString().substring(0, 8) + "@iam.example.com";
        assertThat(http.postJson("/admin/v1/users", adminToken, Map.of("email", person, "password", PASSWORD)).status()).isEqualTo(200);
    }

    @Test
    void membersOfTheWrongKindAreRefused() {
        String target = createProject(adminToken);
        for (String member : List.of("user:admin@tollgate.iam", "user:ADMIN@TOLLGATE.IAM", "user:poster-bot@" + project + ".iam",
                "user:admin@tollgate.xn--am-goc", "user:admin%40tollgate.iam@example.com", "user:admin@tollgate.iam.",
                "serviceAccount:alice@example.com", "serviceAccount:admin@localhost", "serviceAccount:bot@" + project + ".iam.")) {
            Http.Response r = http.postJson("/admin/v1/projects/" + target + "/members", adminToken, Map.of("member", member, "role", "owner"));
            assertGoogleError(r, 400, "INVALID_ARGUMENT", "BAD_REQUEST");
        }
        JsonNode members = http.getWithToken("/admin/v1/projects/" + target + "/members", adminToken).json().get("members");
        assertThat(members).extracting(m -> m.get("member").asText()).containsExactly("serviceAccount:admin@tollgate.iam");
    }

    // --- the kind of principal, to backends and in the sample's data ---

    @Test
    void theBackendLearnsWhichKindOfPrincipalCalls() throws IOException {
        String person = newPerson();
        String personToken = personToken(person, "echo");
        KeyFiles.KeyFile bot = createServiceAccount(adminToken, project, "echo-" + shortId());
        String botToken = bot.accessToken(http, "echo");
        String key = createKey(adminToken, project, Map.of()).get("keyString").asText();

        JsonNode asPerson = echo(http.getWithToken("/echo/v1/echo/x", personToken));
        assertThat(asPerson.get("x-tollgate-principal-type").asText()).isEqualTo("person");
        assertThat(asPerson.get("x-tollgate-user").asText()).isEqualTo(person);

        JsonNode asBot = echo(http.getWithToken("/echo/v1/echo/x", botToken));
        assertThat(asBot.get("x-tollgate-principal-type").asText()).isEqualTo("serviceAccount");
        assertThat(asBot.get("x-tollgate-user").asText()).isEqualTo(bot.email());

        JsonNode withKey = echo(http.get("/echo/v1/echo/x?key=" + key));
        assertThat(withKey.get("x-tollgate-access").asText()).isEqualTo("simple");
        assertThat(withKey.has("x-tollgate-principal-type")).as("a key names a project, no principal").isFalse();
        assertThat(withKey.has("x-tollgate-user")).isFalse();

        // What a caller claims is dropped: the gateway alone says who calls.
        for (String forged : List.of("person", "serviceAccount", "project", "Person")) {
            JsonNode claimedByBot = echo(http.get("/echo/v1/echo/x", "Authorization", "Bearer " + botToken,
                    "X-Tollgate-Principal-Type", forged, "X-Tollgate-User", person));
            assertThat(claimedByBot.get("x-tollgate-principal-type").asText()).isEqualTo("serviceAccount");
            assertThat(claimedByBot.get("x-tollgate-user").asText()).isEqualTo(bot.email());
            JsonNode claimedWithKey = echo(http.get("/echo/v1/echo/x?key=" + key, "X-Tollgate-Principal-Type", forged));
            assertThat(claimedWithKey.has("x-tollgate-principal-type")).isFalse();
        }
    }

    @Test
    void aPersonAndAServiceAccountCannotReadEachOthersPrivatePosts() throws IOException {
        String person = newPerson();
        String personToken = personToken(person, "posts");
        KeyFiles.KeyFile bot = createServiceAccount(adminToken, project, "poster-" + shortId());
        String botToken = bot.accessToken(http, "posts");

        String personsSecret = post(personToken, "the person's secret", "private");
        String personsHello = post(personToken, "the person's hello", "public");
        String botsSecret = post(botToken, "the bot's secret", "private");

        assertThat(ids(http.getWithToken("/posts/v1/people/me/posts", personToken))).containsExactly(personsHello, personsSecret);
        assertThat(ids(http.getWithToken("/posts/v1/people/me/posts", botToken))).containsExactly(botsSecret);
        assertThat(ids(http.getWithToken("/posts/v1/people/" + person + "/posts", botToken))).containsExactly(personsHello);
        assertThat(ids(http.getWithToken("/posts/v1/people/" + person.toUpperCase() + "/posts", botToken))).containsExactly(personsHello);
        assertThat(ids(http.getWithToken("/posts/v1/people/" + bot.email() + "/posts", personToken))).isEmpty();
        assertGoogleError(http.getWithToken("/posts/v1/posts/" + personsSecret, botToken), 404, "NOT_FOUND", "NOT_FOUND");
        assertGoogleError(http.getWithToken("/posts/v1/posts/" + botsSecret, personToken), 404, "NOT_FOUND", "NOT_FOUND");
        // Claiming the other's identity in the gateway's own headers changes nothing.
        Http.Response forged = http.get("/posts/v1/posts/" + personsSecret, "Authorization", "Bearer " + botToken,
                "X-Tollgate-Principal-Type", "person", "X-Tollgate-User", person);
        assertThat(forged.status()).as(forged.toString()).isEqualTo(404);

        JsonNode mine = http.getWithToken("/posts/v1/posts/" + botsSecret, botToken).json();
        assertThat(mine.get("author").asText()).isEqualTo(bot.email());
        assertThat(mine.get("authorType").asText()).isEqualTo("serviceAccount");
        assertThat(http.getWithToken("/posts/v1/posts/" + personsHello, botToken).json().get("authorType").asText()).isEqualTo("person");
    }

    // --- deleted projects and service accounts ---

    @Test
    void aDeletedProjectsIdCanNeverBeCreatedAgainItsRolesAreGoneAndItsUsageStaysWithIt() throws Exception {
        String doomed = createProject(adminToken);
        enable(adminToken, doomed, "echo");
        String other = createProject(adminToken);
        KeyFiles.KeyFile bot = createServiceAccount(adminToken, doomed, "doomed-" + shortId());
        KeyFiles.KeyFile outsider = createServiceAccount(adminToken, other, "outsider-" + shortId());
        String outsiderToken = outsider.accessToken(http, "admin");
        assertThat(http.postJson("/admin/v1/projects/" + other + "/members", adminToken,
                Map.of("member", "serviceAccount:" + bot.email(), "role", "editor")).status()).isEqualTo(200);
        assertThat(http.postJson("/admin/v1/projects/" + doomed + "/members", adminToken,
                Map.of("member", "serviceAccount:" + outsider.email(), "role", "owner")).status()).isEqualTo(200);
        String key = createKey(adminToken, doomed, Map.of()).get("keyString").asText();
        for (int i = 0; i < 3; i++) {
            assertThat(http.get("/echo/v1/echo/x?key=" + key).status()).isEqualTo(200);
        }
        String usage = "/admin/v1/projects/" + doomed + "/usage?start=2020-01-01T00:00:00Z&end=2100-01-01T00:00:00Z";
        awaitCalls(usage, 3);

        assertThat(http.delete("/admin/v1/projects/" + doomed, outsiderToken).status()).isEqualTo(200);

        // The id is taken for good, for whoever asks.
        for (String token : List.of(adminToken, outsiderToken)) {
            assertGoogleError(http.postJson("/admin/v1/projects", token, Map.of("projectId", doomed)), 409, "ALREADY_EXISTS", "ALREADY_EXISTS");
        }
        assertThat(http.getWithToken("/admin/v1/projects/" + doomed, adminToken).status()).isEqualTo(404);
        // Its service account's roles elsewhere are gone, and so is its address.
        assertThat(http.getWithToken("/admin/v1/projects/" + other + "/members", adminToken).body()).doesNotContain(bot.email());
        assertThat(http.getWithToken("/admin/v1/projects", outsiderToken).body()).doesNotContain(doomed);
        // Its usage stays with it: the platform administrator reads it, its former owner no longer can.
        Http.Response kept = http.getWithToken(usage, adminToken);
        assertThat(kept.status()).as(kept.toString()).isEqualTo(200);
        assertThat(kept.json().at("/rows/0/calls").asLong()).isEqualTo(3);
        String month = java.time.YearMonth.now(java.time.ZoneOffset.UTC).toString();
        assertThat(http.getWithToken("/admin/v1/projects/" + doomed + "/billing/statements/" + month, adminToken).status()).isEqualTo(200);
        assertGoogleError(http.getWithToken(usage, outsiderToken), 403, "PERMISSION_DENIED", "IAM_PERMISSION_DENIED");
        assertGoogleError(http.getWithToken("/admin/v1/projects/" + doomed + "/billing/statements/" + month, outsiderToken),
                403, "PERMISSION_DENIED", "IAM_PERMISSION_DENIED");
        // A project that never existed is still unknown, even to the platform administrator.
        assertGoogleError(http.getWithToken("/admin/v1/projects/never-" + shortId() + "/usage?start=2020-01-01T00:00:00Z&end=2100-01-01T00:00:00Z",
                adminToken), 404, "NOT_FOUND", "NOT_FOUND");
    }

    @Test
    void aDeletedServiceAccountLosesItsRolesEverywhereAndItsAddressCannotBeCreatedAgain() throws IOException {
        String home = createProject(adminToken);
        String elsewhere = createProject(adminToken);
        String accountId = "phoenix-" + shortId();
        KeyFiles.KeyFile bot = createServiceAccount(adminToken, home, accountId);
        String botToken = bot.accessToken(http, "admin");
        assertThat(http.postJson("/admin/v1/projects/" + elsewhere + "/members", adminToken,
                Map.of("member", "serviceAccount:" + bot.email(), "role", "owner")).status()).isEqualTo(200);
        assertThat(http.getWithToken("/admin/v1/projects/" + elsewhere, botToken).status()).isEqualTo(200);

        assertThat(http.delete("/admin/v1/projects/" + home + "/serviceAccounts/" + bot.email(), adminToken).status()).isEqualTo(200);

        assertThat(http.getWithToken("/admin/v1/projects/" + elsewhere + "/members", adminToken).body()).doesNotContain(bot.email());
        assertGoogleError(http.postJson("/admin/v1/projects/" + home + "/serviceAccounts", adminToken, Map.of("accountId", accountId)),
                409, "ALREADY_EXISTS", "ALREADY_EXISTS");
        // A person can't take the address either.
        assertGoogleError(http.postJson("/admin/v1/users", adminToken, Map.of("email", bot.email(), "password", PASSWORD)),
                400, "INVALID_ARGUMENT", "BAD_REQUEST");
        // Other names in the project are still free.
        assertThat(http.postJson("/admin/v1/projects/" + home + "/serviceAccounts", adminToken,
                Map.of("accountId", "other-" + shortId())).status()).isEqualTo(200);
    }

    // --- helpers ---

    private static String shortId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    private String newPerson() {
        String email = "p-" + shortId() + "@example.com";
        Http.Response r = http.postJson("/admin/v1/users", adminToken, Map.of("email", email, "password", PASSWORD));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return email;
    }

    /** A person's access token for {@code scope}, through sign-in and consent in a browser. */
    private String personToken(String email, String scope) {
        Browser browser = new Browser(server.baseUrl());
        Http.Response r = browser.get(OAuthClients.authUrl(web, REDIRECT, scope, "s", null, Map.of()));
        if (r.status() == 302 && r.header("Location").startsWith("/signin")) {
            r = browser.signIn(r, email, PASSWORD);
        }
        r = browser.follow(r);
        if (r.status() == 200) {
            r = browser.submit(r, 0, Map.of("decision", "allow"));
        }
        assertThat(r.status()).as(r.toString()).isIn(302, 303);
        String code = OAuthClients.query(r.header("Location")).get("code");
        Http.Response tokens = OAuthClients.redeem(http, web, code, REDIRECT, null, true);
        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
        return tokens.json().get("access_token").asText();
    }

    private String post(String token, String content, String visibility) {
        Http.Response r = http.postJson("/posts/v1/people/me/posts", token, Map.of("content", content, "visibility", visibility));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("id").asText();
    }

    private static List<String> ids(Http.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        var out = new java.util.ArrayList<String>();
        r.json().get("items").forEach(n -> out.add(n.get("id").asText()));
        return out;
    }

    private static JsonNode echo(Http.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    /** Waits until the ledger (drained every second) holds {@code calls} calls for the usage path. */
    private void awaitCalls(String usagePath, long calls) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        long seen = -1;
        while (Instant.now().isBefore(deadline)) {
            Http.Response r = http.getWithToken(usagePath, adminToken);
            seen = r.status() == 200 && r.json().at("/rows/0/calls").isNumber() ? r.json().at("/rows/0/calls").asLong() : 0;
            if (seen >= calls) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("usage never reached " + calls + " calls: " + seen);
    }

    /** Answers with the request's headers, lower-cased, as one JSON object. */
    private static void echoHeaders(HttpExchange ex) throws IOException {
        ex.getRequestBody().readAllBytes();
        var headers = new LinkedHashMap<String, String>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
        byte[] bytes = Http.write(headers).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
