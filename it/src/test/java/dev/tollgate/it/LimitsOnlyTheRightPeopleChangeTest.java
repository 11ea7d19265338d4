package dev.tollgate.it;

import static dev.tollgate.it.ApiKeyGatewayTest.assertGoogleError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 7, item 5: quotas that only the right people raise, an authorization endpoint that sends
 * errors on only when a person took part, redirect URIs that every page can take, and dates in
 * queries that are a 400 when out of range, never a 500.
 */
class LimitsOnlyTheRightPeopleChangeTest extends EndToEnd {
    private static final String QUOTA = "requests-per-minute-per-project";
    private static final String REDIRECT = "https://limits.example.com/cb";

    private String project;
    private String editor;
    private String viewer;
    private String owner;
    private String ownersProject;
    private long catalogLimit;
    private OAuthClients.Registered web;

    @BeforeAll
    void membersAndClients() throws Exception {
        project = createProject(adminToken);
        enable(adminToken, project, "posts");
        enable(adminToken, project, "calendar");
        String other = createProject(adminToken);
        KeyFiles.KeyFile editorKey = createServiceAccount(adminToken, other, "quota-editor");
        KeyFiles.KeyFile viewerKey = createServiceAccount(adminToken, other, "quota-viewer");
        KeyFiles.KeyFile ownerKey = createServiceAccount(adminToken, other, "quota-owner");
        for (var member : Map.of(editorKey.email(), "editor", viewerKey.email(), "viewer").entrySet()) {
            Http.Response r = http.postJson("/admin/v1/projects/" + project + "/members", adminToken,
                    Map.of("member", "serviceAccount:" + member.getKey(), "role", member.getValue()));
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
        }
        editor = editorKey.accessToken(http, "admin");
        viewer = viewerKey.accessToken(http, "admin");
        owner = ownerKey.accessToken(http, "admin");
        ownersProject = createProject(owner);
        catalogLimit = limitOf(project, adminToken);
        http.patchJson("/admin/v1/projects/" + project + "/consentScreen", adminToken, Map.of("applicationName", "Limits App"));
        web = OAuthClients.register(http, adminToken, project, "web", List.of(REDIRECT));
    }

    // Quotas: cap, never raise, unless the platform says so.

    private long limitOf(String projectId, String token) {
        JsonNode limits = http.getWithToken("/admin/v1/projects/" + projectId + "/quotas", token).json().get("limits");
        for (JsonNode l : limits) {
            if (l.get("service").asText().equals("posts") && l.get("name").asText().equals(QUOTA)) {
                return l.get("effectiveLimit").asLong();
            }
        }
        throw new AssertionError("no posts quota in " + limits);
    }

    private Http.Response setQuota(String projectId, String token, Object limit) {
        var o = new HashMap<String, Object>();
        o.put("service", "posts");
        o.put("name", QUOTA);
        o.put("limit", limit);
        return http.patchJson("/admin/v1/projects/" + projectId + "/quotas", token, Map.of("overrides", List.of(o)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1", "+2", "*10", "max"})
    void editorsAndOwnersWhoAreNotPlatformAdministratorsCannotRaiseAQuota(String raise) {
        long above = switch (raise) {
            case "+1" -> catalogLimit + 1;
            case "+2" -> catalogLimit + 2;
            case "*10" -> catalogLimit * 10;
            default -> 1_000_000_000_000L;
        };
        for (Object spelled : List.of(above, Long.toString(above))) {
            assertGoogleError(setQuota(project, editor, spelled), 403, "PERMISSION_DENIED", "IAM_PERMISSION_DENIED");
            assertGoogleError(setQuota(ownersProject, owner, spelled), 403, "PERMISSION_DENIED", "IAM_PERMISSION_DENIED");
        }
        assertThat(limitOf(project, adminToken)).isEqualTo(catalogLimit);
        assertThat(limitOf(ownersProject, owner)).isEqualTo(catalogLimit);
    }

    @Test
    void editorsAndOwnersMayCapAndUncapWhilePlatformAdministratorsRaise() {
        for (var who : List.of(Map.entry(ownersProject, owner), Map.entry(project, editor))) {
            assertThat(setQuota(who.getKey(), who.getValue(), catalogLimit - 1).status()).isEqualTo(200);
            assertThat(limitOf(who.getKey(), who.getValue())).isEqualTo(catalogLimit - 1);
            assertThat(setQuota(who.getKey(), who.getValue(), catalogLimit).status()).isEqualTo(200);
            assertThat(setQuota(who.getKey(), who.getValue(), 0).status()).isEqualTo(200);
            assertThat(limitOf(who.getKey(), who.getValue())).isZero();
            assertThat(setQuota(who.getKey(), who.getValue(), null).status()).isEqualTo(200);
            assertThat(limitOf(who.getKey(), who.getValue())).isEqualTo(catalogLimit);
        }
        assertThat(setQuota(project, adminToken, catalogLimit * 3).status()).isEqualTo(200);
        assertThat(limitOf(project, editor)).isEqualTo(catalogLimit * 3);
        assertGoogleError(setQuota(project, editor, catalogLimit * 2), 403, "PERMISSION_DENIED", "IAM_PERMISSION_DENIED");
        // Removing the raise only lowers the limit back to the catalog's: an editor may.
        assertThat(setQuota(project, editor, null).status()).isEqualTo(200);
        assertThat(limitOf(project, adminToken)).isEqualTo(catalogLimit);
    }

    @Test
    void viewersAndStrangersCannotChangeQuotasAtAll() {
        for (Object limit : new Object[] {0L, catalogLimit - 1, catalogLimit + 1, null}) {
            assertGoogleError(setQuota(project, viewer, limit), 403, "PERMISSION_DENIED", "IAM_PERMISSION_DENIED");
            assertGoogleError(setQuota(project, owner, limit), 403, "PERMISSION_DENIED", "IAM_PERMISSION_DENIED");
        }
        String path = "/admin/v1/projects/" + project + "/quotas";
        for (String body : List.of("", "not json", "{}", "{\"overrides\":\"x\"}", "{\"overrides\":[{\"service\":\"nope\"}]}", "[]")) {
            assertGoogleError(http.patchJson(path, viewer, body), 403, "PERMISSION_DENIED", "IAM_PERMISSION_DENIED");
            assertGoogleError(http.patchJson(path, owner, body), 403, "PERMISSION_DENIED", "IAM_PERMISSION_DENIED");
            assertGoogleError(http.patchJson(path, editor, body), 400, "INVALID_ARGUMENT", "BAD_REQUEST");
        }
        assertThat(limitOf(project, adminToken)).isEqualTo(catalogLimit);
    }

    // The authorization endpoint: errors go back to the client only when a person took part.

    static Stream<Arguments> malformedAuthorizationRequests() {
        return Stream.of(
                Arguments.of("unknown response_type", "&response_type=token&scope=calendar"),
                Arguments.of("id_token response_type", "&response_type=id_token&scope=openid"),
                Arguments.of("missing response_type", "&scope=calendar"),
                Arguments.of("unknown scope", "&response_type=code&scope=calendar%20nosuchscope"),
                Arguments.of("malformed scope", "&response_type=code&scope=cal%00endar"),
                Arguments.of("missing scope", "&response_type=code"),
                Arguments.of("plain PKCE", "&response_type=code&scope=calendar&code_challenge=abc&code_challenge_method=plain"),
                Arguments.of("short PKCE challenge", "&response_type=code&scope=calendar&code_challenge=abc&code_challenge_method=S256"),
                Arguments.of("duplicate response_type", "&response_type=code&response_type=code&scope=calendar"),
                Arguments.of("duplicate scope", "&response_type=code&scope=calendar&scope=posts"),
                Arguments.of("duplicate state", "&response_type=code&scope=calendar&state=a&state=b"),
                Arguments.of("unknown prompt", "&response_type=code&scope=calendar&prompt=sometimes"),
                Arguments.of("prompt none and consent", "&response_type=code&scope=calendar&prompt=none%20consent"),
                Arguments.of("bad access_type", "&response_type=code&scope=calendar&access_type=forever"),
                Arguments.of("long state", "&response_type=code&scope=calendar&state=" + "s".repeat(3000)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedAuthorizationRequests")
    void malformedAuthorizationRequestsShowAnErrorPageAndNeverRedirect(String what, String rest) {
        String query = "/o/oauth2/v2/auth?client_id=" + web.clientId() + "&redirect_uri=" + enc(REDIRECT) + "&state=st" + rest;
        for (Browser browser : List.of(new Browser(server.baseUrl()), signedIn())) {
            Http.Response r = browser.get(query);
            assertThat(r.status()).as(what + ": " + r).isEqualTo(400);
            assertThat(r.header("Location")).as(what).isNull();
            assertThat(r.body()).as(what).contains("Error 400").doesNotContain("Exception");
        }
    }

    @Test
    void malformedRequestOfAnInstalledAppWithoutPkceShowsAnErrorPage() {
        var installed = OAuthClients.register(http, adminToken, project, "installed", List.of("http://127.0.0.1/cb"));
        Http.Response r = signedIn().get(OAuthClients.authUrl(installed, "http://127.0.0.1:4567/cb", "calendar", "s", null, Map.of()));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Location")).isNull();
        assertThat(r.body()).contains("PKCE");
    }

    @Test
    void promptNoneStillAnswersTheClientAsOpenIdConnectSays() {
        Map<String, String> q = OAuthClients.query(new Browser(server.baseUrl())
                .get(OAuthClients.authUrl(web, REDIRECT, "calendar", "n1", null, Map.of("prompt", "none"))).header("Location"));
        assertThat(q).containsEntry("error", "login_required").containsEntry("state", "n1").containsKey("iss");
        Browser browser = signedIn();
        q = OAuthClients.query(browser.get(OAuthClients.authUrl(web, REDIRECT, "calendar", "n2", null, Map.of("prompt", "none"))).header("Location"));
        assertThat(q).containsEntry("error", "consent_required").containsEntry("state", "n2");
        q = OAuthClients.query(browser.get(OAuthClients.authUrl(web, REDIRECT, "calendar", "n3", null,
                Map.of("prompt", "none", "login_hint", "someone-else@example.com"))).header("Location"));
        assertThat(q).containsEntry("error", "account_selection_required");
        Http.Response consent = browser.get(OAuthClients.authUrl(web, REDIRECT, "calendar", "n4", null, Map.of()));
        q = OAuthClients.query(browser.submit(consent, 0, Map.of("decision", "deny")).header("Location"));
        assertThat(q).containsEntry("error", "access_denied").containsEntry("state", "n4");
    }

    private Browser signedIn() {
        String email = "l-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        assertThat(http.postJson("/admin/v1/users", adminToken, Map.of("email", email, "password", OAuthFlowTest.PASSWORD)).status()).isEqualTo(200);
        Browser browser = new Browser(server.baseUrl());
        Http.Response page = browser.get("/account/permissions");
        assertThat(browser.follow(browser.signIn(page, email, OAuthFlowTest.PASSWORD)).status()).isEqualTo(200);
        return browser;
    }

    // Redirect URIs and origins: refused at registration when a page or a parser could not take them.

    static Stream<Arguments> refusedRedirectUris() {
        return Stream.of(
                Arguments.of("web", "https://app.example.com/c b"), Arguments.of("web", "https://app.example.com/cb\u0007"),
                Arguments.of("web", "https://app.example.com/cb\r\nSet-Cookie: x=1"), Arguments.of("web", "https://app.example.com/\"cb\""),
                Arguments.of("web", "https://app.example.com/'cb'"), Arguments.of("web", "https://app.example.com/cb;x"),
                Arguments.of("web", "https://app.example.com/a,b"), Arguments.of("web", "https://app.example.com/café"),
                Arguments.of("web", "https://äpp.example.com/cb"), Arguments.of("web", "https://app.example.com\\@evil.example/cb"),
                Arguments.of("web", "https://app.example.com/cb#frag"), Arguments.of("web", "https://user:pw@app.example.com/cb"),
                Arguments.of("web", "https://app_example.com/cb"), Arguments.of("web", "https://app.example.com:0/cb"),
                Arguments.of("web", "https://app.example.com:65536/cb"), Arguments.of("web", "https://[::1/cb"),
                Arguments.of("web", "https://[zz::1]/cb"), Arguments.of("web", "https://app.example.com/../cb"),
                Arguments.of("web", "https://app.example.com/a/%2e%2e/cb"), Arguments.of("web", "https://app.example.com/%zz"),
                Arguments.of("web", "https://app.example.com/%00"), Arguments.of("web", "https://ex%61mple.com/cb"),
                Arguments.of("web", "javascript:alert(1)"), Arguments.of("web", "data:text/html,<script>alert(1)</script>"),
                Arguments.of("web", "file:///etc/passwd"), Arguments.of("web", "ftp://app.example.com/cb"),
                Arguments.of("web", "https://app.example.com/" + "a".repeat(3000)), Arguments.of("web", ""),
                Arguments.of("installed", "myapp:/cb"), Arguments.of("installed", "javascript:alert(1)"),
                Arguments.of("installed", "data:,x"), Arguments.of("installed", "com.example.app://bad_host/cb"),
                Arguments.of("installed", "com.example.app:/a;b"), Arguments.of("installed", "com.example.app:/../x"),
                Arguments.of("installed", "http://127.0.0.1:99999/cb"), Arguments.of("installed", "https://app.example.com/cb"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("refusedRedirectUris")
    void redirectUrisThatPagesOrParsersCannotTakeAreRefusedAtRegistration(String type, String uri) {
        var body = new LinkedHashMap<String, Object>();
        body.put("type", type);
        body.put("displayName", "refused");
        body.put("redirectUris", List.of(uri));
        Http.Response r = http.postJson("/admin/v1/projects/" + project + "/oauthClients", adminToken, body);
        assertGoogleError(r, 400, "INVALID_ARGUMENT", "BAD_REQUEST");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example.com;x", "https://app.example.com,https://evil.example", "https://app.example.com/'",
            "https://app_x.example.com", "https://app.example.com:70000", "https://[::1", "https://ä.example.com", "javascript:alert(1)",
            "https://app.example.com/..", "https://user@app.example.com", "null", "*"})
    void javascriptOriginsThatPagesCannotTakeAreRefusedAtRegistration(String origin) {
        Http.Response r = http.postJson("/admin/v1/projects/" + project + "/oauthClients", adminToken,
                Map.of("type", "web", "displayName", "origins", "redirectUris", List.of(REDIRECT), "javascriptOrigins", List.of(origin)));
        assertGoogleError(r, 400, "INVALID_ARGUMENT", "BAD_REQUEST");
    }

    @Test
    void everyAcceptedRedirectUriLeadsToAConsentPageThatRenders() {
        List<String> webUris = List.of("https://app.example.com/cb", "https://app.example.com/cb?x=1&y=%20", "https://APP.example.com:8443/a/b-c_d~e",
                "http://localhost:8080/cb", "https://[::1]:8443/cb", "https://192.0.2.1/cb", "https://app.example.com/caf%C3%A9",
                "https://app.example.com", "https://app.example.com/a/..b/c.");
        List<String> installedUris = List.of("http://127.0.0.1/cb", "http://[::1]:9000/cb", "http://localhost/cb", "com.example.app:/oauth",
                "com.example.app://host.example/cb", "com.example.app:cb");
        var webClient = OAuthClients.register(http, adminToken, project, "web", webUris);
        var installedClient = OAuthClients.register(http, adminToken, project, "installed", installedUris);
        Browser browser = signedIn();
        String verifier = OAuthClients.verifier();
        for (String uri : webUris) {
            assertConsentPage(browser.get(OAuthClients.authUrl(webClient, uri, "calendar", "s", null, Map.of())), uri);
        }
        for (String uri : installedUris) {
            assertConsentPage(browser.get(OAuthClients.authUrl(installedClient, uri, "calendar", "s", verifier, Map.of())), uri);
        }
        assertConsentPage(browser.get(OAuthClients.authUrl(installedClient, "http://127.0.0.1:65535/cb", "calendar", "s", verifier, Map.of())), "any port");
        Http.Response badPort = browser.get(OAuthClients.authUrl(installedClient, "http://127.0.0.1:99999/cb", "calendar", "s", verifier, Map.of()));
        assertThat(badPort.status()).as(badPort.toString()).isEqualTo(400);
        assertThat(badPort.header("Location")).isNull();
    }

    private static void assertConsentPage(Http.Response r, String uri) {
        assertThat(r.status()).as(uri + ": " + r).isEqualTo(200);
        assertThat(r.body()).as(uri).contains("Limits App");
        assertThat(r.header("Content-Security-Policy")).as(uri).contains("form-action 'self' ");
    }

    // Dates in queries: a 400, never a 500.

    @ParameterizedTest
    @ValueSource(strings = {"", "0000-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "99999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z",
            "-999999999-01-01T00:00:00Z", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-12-01T24:00:00Z", "2026-12-01T23:59:60Z",
            "2026-12-01", "-1", "1733011200", "-1733011200", "99999999999999999999999999", "2026-12-01T00:00:00+25:00", "now", "null",
            "9999-12-31T23:59:59-01:00", "2026-12-01T00:00:00.1234567890Z", "２０２６-12-01T00:00:00Z"})
    void outOfRangeOrMalformedUsageTimesAreInvalidArguments(String time) {
        String ok = "2026-11-01T00:00:00Z";
        for (String query : List.of("start=" + enc(time) + "&end=" + ok, "start=" + ok + "&end=" + enc(time), "start=" + enc(time) + "&end=" + enc(time))) {
            Http.Response r = http.getWithToken("/admin/v1/projects/" + project + "/usage?" + query, adminToken);
            assertGoogleError(r, 400, "INVALID_ARGUMENT", "BAD_REQUEST");
        }
    }

    @Test
    void usageOverTheWholeAllowedRangeAnswers() {
        Http.Response r = http.getWithToken("/admin/v1/projects/" + project + "/usage?start=1970-01-01T00:00:00Z&end=9999-12-31T23:59:59Z", adminToken);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0000-01", "1969-12", "99999-01", "2026-13", "2026-00", "2026-1", "+999999999-12", "-0001-01", "2026-01-01",
            "2026_01", "202601", " 2026-01", "２０２６-01", "99999999999999999999"})
    void outOfRangeOrMalformedStatementMonthsAreInvalidArguments(String month) {
        Http.Response r = http.getWithToken("/admin/v1/projects/" + project + "/billing/statements/" + enc(month), adminToken);
        assertGoogleError(r, 400, "INVALID_ARGUMENT", "BAD_REQUEST");
    }

    @Test
    void statementsAtTheEdgesOfTheRangeAnswer() {
        for (String month : List.of("1970-01", "9999-12")) {
            Http.Response r = http.getWithToken("/admin/v1/projects/" + project + "/billing/statements/" + month, adminToken);
            assertThat(r.status()).as(month + ": " + r).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "99999-01-01T00:00:00Z",
            "2026-13-01T00:00:00Z", "1733011200", "-1", ""})
    void outOfRangeEventTimesOfTheSampleCalendarAreA400(String time) throws Exception {
        if (calendarToken == null) {
            calendarToken = createServiceAccount(adminToken, project, "cal-dates").accessToken(http, "calendar");
        }
        for (var times : List.of(Map.of("start", time, "end", "2026-12-01T13:00:00Z"), Map.of("start", "2026-12-01T12:00:00Z", "end", time))) {
            var body = new LinkedHashMap<String, Object>(times);
            body.put("summary", "out of range");
            Http.Response r = http.postJson("/calendar/v3/calendars/primary/events", calendarToken, body);
            assertThat(r.status()).as(time + ": " + r).isEqualTo(400);
        }
    }

    private String calendarToken;

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
