package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The audit log through the real server: changes made with the admin API and on the pages are
 * logged with who, what, which resource, from where and how they ended; owners read their
 * project's log and nobody else's; platform administrators read everything; no secret is ever in it.
 */
class AuditLogTest extends PeopleEndToEndTest {
    private static final String ADMIN = "admin@tollgate.iam";
    /** The loopback peer is a trusted proxy here, so X-Forwarded-For names the client. */
    private static final String CLIENT = "203.0.113.7";

    @Override
    protected String[] extraServeArgs() {
        return new String[] {"--trusted-proxies", "127.0.0.1/32"};
    }

    /** An admin call as if through our proxy from {@link #CLIENT}, with a spoofed entry to its left. */
    private Http.Response call(String method, String path, String token, Object body) {
        HttpRequest.Builder b = http.request(path).header("X-Forwarded-For", "198.51.100.66, " + CLIENT);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        String json = body instanceof String s ? s : Http.write(body);
        b.header("Content-Type", "application/json").method(method, method.equals("DELETE")
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(b);
    }

    private Http.Response ok(String method, String path, String token, Object body) {
        Http.Response r = call(method, path, token, body);
        assertThat(r.status()).as(method + " " + path + ": " + r).isEqualTo(200);
        return r;
    }

    /** Every page of a log, following nextPageToken. */
    private List<JsonNode> read(String path, String token) {
        List<JsonNode> entries = new ArrayList<>();
        String next = null;
        do {
            String sep = path.contains("?") ? "&" : "?";
            Http.Response r = http.getWithToken(path + sep + "pageSize=1000" + (next == null ? "" : "&pageToken=" + next), token);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            r.json().get("auditLogs").forEach(entries::add);
            next = r.json().has("nextPageToken") ? r.json().get("nextPageToken").asText() : null;
        } while (next != null);
        return entries;
    }

    private List<JsonNode> projectLog(String projectId) {
        return read("/admin/v1/auditLogs?project=" + projectId, adminToken);
    }

    private List<JsonNode> everything() {
        return read("/admin/v1/auditLogs", adminToken);
    }

    private static JsonNode only(List<JsonNode> entries, Predicate<JsonNode> which, String what) {
        List<JsonNode> found = entries.stream().filter(which).toList();
        assertThat(found).as(what + " in " + entries).hasSize(1);
        return found.get(0);
    }

    private static Predicate<JsonNode> method(String method) {
        return e -> e.get("method").asText().equals(method);
    }

    private static Predicate<JsonNode> method(String method, String resource) {
        return e -> e.get("method").asText().equals(method) && e.get("resource").asText().equals(resource);
    }

    private static void assertOk(JsonNode e) {
        assertThat(e.get("outcome").get("status").asText()).as(e.toString()).isEqualTo("OK");
    }

    private static void assertRefused(JsonNode e, int httpStatus, String status, String reason) {
        assertThat(e.get("outcome").get("httpStatus").asInt()).as(e.toString()).isEqualTo(httpStatus);
        assertThat(e.get("outcome").get("status").asText()).as(e.toString()).isEqualTo(status);
        if (reason != null) {
            assertThat(e.get("outcome").get("reason").asText()).as(e.toString()).isEqualTo(reason);
        }
    }

    private static void assertActor(JsonNode e, String kind, String email) {
        assertThat(e.get("actor").get("kind").asText()).as(e.toString()).isEqualTo(kind);
        if (email == null) {
            assertThat(e.get("actor").has("email")).as(e.toString()).isFalse();
        } else {
            assertThat(e.get("actor").get("email").asText()).as(e.toString()).isEqualTo(email);
        }
    }

    private String member(String token, String projectId, String email, String role) {
        ok("POST", "/admin/v1/projects/" + projectId + "/members", token, Map.of("member", "serviceAccount:" + email, "role", role));
        return email;
    }

    @Test
    void adminChangesAreLoggedWithTheCallerTheResourceTheClientAddressAndTheOutcome() {
        String p = uniqueProjectId();
        ok("POST", "/admin/v1/projects", adminToken, Map.of("projectId", p, "displayName", "Audited"));
        String base = "/admin/v1/projects/" + p;
        ok("POST", base + "/services/posts/enable", adminToken, "");
        String keyId = ok("POST", base + "/keys", adminToken, Map.of("displayName", "k")).json().get("keyId").asText();
        ok("PATCH", base + "/keys/" + keyId, adminToken, Map.of("displayName", "renamed"));
        String sa = ok("POST", base + "/serviceAccounts", adminToken, Map.of("accountId", "robot-one")).json().get("email").asText();
        String saKey = ok("POST", base + "/serviceAccounts/" + sa + "/keys", adminToken, "").json().get("keyId").asText();
        ok("POST", base + "/serviceAccounts/" + sa + "/keys/" + saKey + ":disable", adminToken, "");
        ok("POST", base + "/serviceAccounts/" + sa + ":disable", adminToken, "");
        String clientId = ok("POST", base + "/oauthClients", adminToken, Map.of("type", "web", "displayName", "Web",
                "redirectUris", List.of("https://app.example.com/cb"))).json().get("clientId").asText();
        String secretId = ok("POST", base + "/oauthClients/" + clientId + "/secrets", adminToken, "").json().get("secretId").asText();
        ok("PATCH", base + "/consentScreen", adminToken, Map.of("applicationName", "Audited App"));
        ok("PATCH", base + "/quotas", adminToken, Map.of("overrides", List.of()));
        ok("PATCH", base + "/billing", adminToken, Map.of("enabled", true));
        ok("POST", base + "/members", adminToken, Map.of("member", "user:someone@example.com", "role", "viewer"));
        ok("DELETE", base + "/oauthClients/" + clientId + "/secrets/" + secretId, adminToken, null);
        ok("DELETE", base + "/keys/" + keyId, adminToken, null);
        ok("DELETE", base + "/serviceAccounts/" + sa, adminToken, null);
        ok("DELETE", base, adminToken, null);
        http.getWithToken(base + "/keys", adminToken);

        List<JsonNode> log = projectLog(p);
        assertThat(log).extracting(e -> e.get("method").asText() + " " + e.get("resource").asText()).containsExactly(
                "projects.create projects/" + p,
                "projects.services.enable projects/" + p + "/services/posts",
                "projects.keys.create projects/" + p + "/keys/" + keyId,
                "projects.keys.update projects/" + p + "/keys/" + keyId,
                "projects.serviceAccounts.create projects/" + p + "/serviceAccounts/" + sa,
                "projects.serviceAccounts.keys.create projects/" + p + "/serviceAccounts/" + sa + "/keys/" + saKey,
                "projects.serviceAccounts.keys.disable projects/" + p + "/serviceAccounts/" + sa + "/keys/" + saKey,
                "projects.serviceAccounts.disable projects/" + p + "/serviceAccounts/" + sa,
                "projects.oauthClients.create projects/" + p + "/oauthClients/" + clientId,
                "projects.oauthClients.secrets.create projects/" + p + "/oauthClients/" + clientId + "/secrets/" + secretId,
                "projects.consentScreen.update projects/" + p + "/consentScreen",
                "projects.quotas.update projects/" + p + "/quotas",
                "projects.billing.update projects/" + p + "/billing",
                "projects.members.set projects/" + p + "/members/user:someone@example.com",
                "projects.oauthClients.secrets.delete projects/" + p + "/oauthClients/" + clientId + "/secrets/" + secretId,
                "projects.keys.delete projects/" + p + "/keys/" + keyId,
                "projects.serviceAccounts.delete projects/" + p + "/serviceAccounts/" + sa,
                "projects.delete projects/" + p);
        for (JsonNode e : log) {
            assertActor(e, "serviceAccount", ADMIN);
            assertThat(e.get("projectId").asText()).isEqualTo(p);
            assertThat(e.get("address").asText()).as("the client behind the trusted proxy, not what it claimed").isEqualTo(CLIENT);
            assertOk(e);
            assertThat(e.get("outcome").get("httpStatus").asInt()).isEqualTo(200);
            assertThat(e.get("time").asText()).matches("20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z");
        }
    }

    @Test
    void refusedAndUnauthenticatedChangesAreLoggedWithTheirOutcome() throws IOException {
        String p = createProject(adminToken);
        String base = "/admin/v1/projects/" + p;
        KeyFiles.KeyFile viewerKey = createServiceAccount(adminToken, p, "viewer-bot");
        member(adminToken, p, viewerKey.email(), "viewer");
        String viewer = viewerKey.accessToken(http, "admin");

        assertThat(call("POST", base + "/keys", viewer, Map.of()).status()).isEqualTo(403);
        assertThat(call("DELETE", base, viewer, null).status()).isEqualTo(403);
        assertThat(call("POST", base + "/keys", null, Map.of()).status()).isEqualTo(401);
        assertThat(call("POST", base + "/keys", "tga_not-a-token", Map.of()).status()).isEqualTo(401);
        assertThat(call("POST", base + "/keys", adminToken, "{not json").status()).isEqualTo(400);
        assertThat(call("POST", base + "/serviceAccounts/x@" + p + ".iam:explode", adminToken, "").status()).isEqualTo(404);

        List<JsonNode> log = projectLog(p);
        List<JsonNode> keyCreates = log.stream().filter(method("projects.keys.create")).toList();
        assertThat(keyCreates).hasSize(4);
        assertActor(keyCreates.get(0), "serviceAccount", viewerKey.email());
        assertRefused(keyCreates.get(0), 403, "PERMISSION_DENIED", "IAM_PERMISSION_DENIED");
        assertThat(keyCreates.get(0).get("resource").asText()).isEqualTo("projects/" + p + "/keys");
        assertActor(keyCreates.get(1), "anonymous", null);
        assertRefused(keyCreates.get(1), 401, "UNAUTHENTICATED", "CREDENTIALS_MISSING");
        assertActor(keyCreates.get(2), "anonymous", null);
        assertRefused(keyCreates.get(2), 401, "UNAUTHENTICATED", "ACCESS_TOKEN_INVALID");
        assertActor(keyCreates.get(3), "serviceAccount", ADMIN);
        assertRefused(keyCreates.get(3), 400, "INVALID_ARGUMENT", null);
        JsonNode delete = only(log, method("projects.delete"), "the refused delete");
        assertRefused(delete, 403, "PERMISSION_DENIED", "IAM_PERMISSION_DENIED");
        assertActor(delete, "serviceAccount", viewerKey.email());
        assertRefused(only(log, method("projects.serviceAccounts.unknown"), "an unknown custom method"), 404, "NOT_FOUND", null);
        assertThat(http.getWithToken(base, adminToken).status()).as("the project survived").isEqualTo(200);
    }

    @Test
    void signUpSignInFailedSignInPasswordChangeAndSignOutAreLogged() {
        String email = uniqueEmail();
        Browser b = signedUp(email);
        assertThat(browser().signIn(email, "wrong password").status()).isEqualTo(403);
        String stranger = uniqueEmail();
        assertThat(browser().signIn(stranger, PASSWORD).status()).isEqualTo(403);
        assertThat(browser().signIn(email, PASSWORD).status()).isEqualTo(303);
        assertThat(b.submit("/account", "/account/password", Map.of("current_password", "not it", "new_password", "another password 2"))
                .status()).isEqualTo(400);
        assertThat(b.submit("/account", "/account/password", Map.of("current_password", PASSWORD, "new_password", "a brand new password"))
                .status()).isEqualTo(303);
        assertThat(b.signOut().status()).isEqualTo(303);
        assertThat(browser().postForm("/signout", Map.of()).status()).as("no session, no CSRF token").isGreaterThanOrEqualTo(300);

        List<JsonNode> everything = everything();
        assertThat(everything.toString()).as("an address with no account is not kept: it may be a mistyped password")
                .doesNotContain(stranger);
        assertThat(everything).anySatisfy(e -> {
            assertThat(e.get("method").asText()).isEqualTo("accounts.signIn");
            assertThat(e.get("resource").asText()).isEqualTo("users");
            assertActor(e, "anonymous", null);
            assertRefused(e, 403, "PERMISSION_DENIED", null);
        });
        List<JsonNode> log = everything.stream().filter(e -> e.get("resource").asText().startsWith("users/" + email)).toList();
        String userId = only(log, method("accounts.signUp"), "sign-up").get("actor").get("id").asText();
        assertThat(log).extracting(e -> e.get("method").asText() + " " + e.get("actor").get("kind").asText() + " "
                + e.get("outcome").get("httpStatus").asInt() + " " + e.get("outcome").get("status").asText()).containsExactly(
                "accounts.signUp person 303 OK",
                "accounts.signIn anonymous 403 PERMISSION_DENIED",
                "accounts.signIn person 303 OK",
                "accounts.changePassword person 400 INVALID_ARGUMENT",
                "accounts.changePassword person 303 OK",
                "accounts.signOut person 303 OK");
        for (JsonNode e : log) {
            assertThat(e.has("projectId")).isFalse();
            assertThat(e.get("address").asText()).isEqualTo("127.0.0.1");
            if (e.get("actor").get("kind").asText().equals("person")) {
                assertThat(e.get("actor").get("email").asText()).isEqualTo(email);
                assertThat(e.get("actor").get("id").asText()).isEqualTo(userId);
            }
        }
    }

    @Test
    void mailedLinkActionsAreLoggedWithoutTheirLinks() {
        String email = uniqueEmail();
        Browser b = signedUp(email);
        assertThat(b.submit("/account", "/account/verification", Map.of()).status()).isEqualTo(303);
        assertThat(b.submit("/account", "/account/email", Map.of("new_email", "moved-" + email, "current_password", "not it"))
                .status()).isEqualTo(400);
        assertThat(browser().submit("/forgot-password", "/forgot-password", Map.of("email", email)).status()).isLessThan(400);
        String stranger = uniqueEmail();
        assertThat(browser().submit("/forgot-password", "/forgot-password", Map.of("email", stranger)).status()).isLessThan(400);
        assertThat(http.postJson("/admin/v1/users/" + email + ":resendVerification", adminToken, "").status()).isEqualTo(200);
        assertThat(http.postJson("/admin/v1/users/" + email + ":revokeVerification", adminToken, "").status()).isEqualTo(200);
        assertThat(browser().get("/verify-email?token=tgm_not-a-real-link").status()).isGreaterThanOrEqualTo(400);

        List<JsonNode> everything = everything();
        assertThat(everything.toString()).as("an address with no account is not kept").doesNotContain(stranger).doesNotContain("tgm_");
        List<JsonNode> log = everything.stream().filter(e -> e.get("resource").asText().equals("users/" + email)).toList();
        assertThat(log).extracting(e -> e.get("method").asText() + " " + e.get("actor").get("kind").asText() + " "
                + e.get("outcome").get("status").asText()).containsSubsequence(
                "accounts.signUp person OK",
                "accounts.resendVerification person OK",
                "accounts.requestEmailChange person INVALID_ARGUMENT",
                "accounts.requestPasswordReset anonymous OK",
                "users.resendVerification serviceAccount OK",
                "users.revokeVerification serviceAccount OK");
        assertThat(everything).anySatisfy(e -> {
            assertThat(e.get("method").asText()).isEqualTo("accounts.verifyEmail");
            assertActor(e, "anonymous", null);
            assertThat(e.get("outcome").get("httpStatus").asInt()).isGreaterThanOrEqualTo(400);
        });
    }

    @Test
    void grantsGivenOnTheConsentAndDevicePagesAndRemovedOnThePermissionsPageAndAtRevokeAreLogged() {
        String p = createProject(adminToken);
        enable(adminToken, p, "calendar");
        http.patchJson("/admin/v1/projects/" + p + "/consentScreen", adminToken, Map.of("applicationName", "Calendar Pal"));
        String redirect = "https://app.example.com/cb";
        OAuthClients.Registered web = OAuthClients.register(http, adminToken, p, "web", List.of(redirect));
        OAuthClients.Registered tv = OAuthClients.register(http, adminToken, p, "installed", List.of("http://127.0.0.1/cb"));
        String email = "g-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        ok("POST", "/admin/v1/users", adminToken, Map.of("email", email, "password", PASSWORD));

        var browser = new dev.tollgate.it.Browser(server.baseUrl());
        Http.Response r = browser.get(OAuthClients.authUrl(web, redirect, "calendar.readonly", "s", null, Map.of("access_type", "offline")));
        r = browser.follow(browser.signIn(r, email, PASSWORD));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        String location = browser.submit(r, 0, Map.of("decision", "allow")).header("Location");
        String code = OAuthClients.query(location).get("code");
        JsonNode tokens = OAuthClients.redeem(http, web, code, redirect, null, true).json();
        String refreshToken = tokens.get("refresh_token").asText();

        Http.Response denied = browser.get(OAuthClients.authUrl(web, redirect, "calendar", "t", null, Map.of("prompt", "consent")));
        assertThat(OAuthClients.query(browser.submit(denied, 0, Map.of("decision", "deny")).header("Location")).get("error"))
                .isEqualTo("access_denied");

        Http.Response revoked = http.postForm("/revoke", Map.of("token", refreshToken), "Authorization", web.basic());
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);

        JsonNode device = http.postForm("/device/code", Map.of("client_id", tv.clientId(), "scope", "calendar.readonly")).json();
        Http.Response consent = browser.submit(browser.get("/device"), 0, Map.of("user_code", device.get("user_code").asText()));
        assertThat(browser.submit(consent, 0, Map.of("decision", "allow")).body()).contains("You can return to your device");
        assertThat(browser.submit(consent, 0, Map.of("decision", "allow")).body()).as("the same code again").contains("not valid any more");

        Http.Response permissions = browser.get("/account/permissions");
        String csrf = dev.tollgate.it.Browser.csrfToken(permissions).orElseThrow();
        assertThat(browser.post("/account/permissions/remove", Map.of("csrf_token", csrf, "client_id", tv.clientId())).status())
                .isEqualTo(303);

        String grants = "users/" + email + "/grants/";
        List<JsonNode> log = everything();
        assertOk(only(log, method("users.create", "users/" + email), "the administrator's creation of the person"));
        JsonNode approve = only(log, method("oauth.consent.approve", grants + web.clientId()), "consent given");
        assertActor(approve, "person", email);
        assertOk(approve);
        assertOk(only(log, method("oauth.consent.deny", grants + web.clientId()), "consent denied"));
        JsonNode revoke = only(log, method("oauth.tokens.revoke", "oauthClients/" + web.clientId()), "revocation");
        assertActor(revoke, "anonymous", null);
        assertOk(revoke);
        List<JsonNode> devices = log.stream().filter(method("oauth.device.approve")).filter(e -> e.get("resource").asText().startsWith(grants)).toList();
        assertThat(devices).hasSize(2);
        assertThat(devices.get(0).get("resource").asText()).isEqualTo(grants + tv.clientId());
        assertOk(devices.get(0));
        assertRefused(devices.get(1), 200, "USER_CODE_INVALID", null);
        JsonNode removed = only(log, method("oauth.grants.remove", grants + tv.clientId()), "access removed");
        assertActor(removed, "person", email);
        assertOk(removed);
        String all = log.toString();
        assertThat(all).doesNotContain(refreshToken).doesNotContain(tokens.get("access_token").asText()).doesNotContain(web.secret())
                .doesNotContain(code).doesNotContain(device.get("device_code").asText()).doesNotContain(device.get("user_code").asText())
                .doesNotContain(PASSWORD);
    }

    @Test
    void ownersReadTheirProjectsLogAndNothingElseWhileAdministratorsReadAll() throws IOException {
        String a = createProject(adminToken);
        String b = createProject(adminToken);
        String base = "/admin/v1/projects/" + a;
        KeyFiles.KeyFile ownerKey = createServiceAccount(adminToken, a, "owner-bot");
        KeyFiles.KeyFile editorKey = createServiceAccount(adminToken, a, "editor-bot");
        KeyFiles.KeyFile viewerKey = createServiceAccount(adminToken, a, "viewer-bot");
        KeyFiles.KeyFile otherOwnerKey = createServiceAccount(adminToken, b, "owner-bot");
        member(adminToken, a, ownerKey.email(), "owner");
        member(adminToken, a, editorKey.email(), "editor");
        member(adminToken, a, viewerKey.email(), "viewer");
        member(adminToken, b, otherOwnerKey.email(), "owner");
        String owner = ownerKey.accessToken(http, "admin");
        String otherOwner = otherOwnerKey.accessToken(http, "admin");
        ok("POST", base + "/keys", owner, Map.of("displayName", "by the owner"));
        ok("POST", "/admin/v1/projects/" + b + "/keys", otherOwner, Map.of("displayName", "in b"));
        assertThat(call("POST", base + "/keys", otherOwner, Map.of()).status()).as("b's owner tries a").isEqualTo(403);
        ok("POST", "/admin/v1/users", adminToken, Map.of("email", uniqueEmail(), "password", PASSWORD));

        List<JsonNode> ownLog = read(base + "/auditLogs", owner);
        assertThat(ownLog).isNotEmpty().allSatisfy(e -> assertThat(e.get("projectId").asText()).isEqualTo(a));
        assertThat(ownLog).anySatisfy(e -> {
            assertThat(e.get("method").asText()).isEqualTo("projects.keys.create");
            assertActor(e, "serviceAccount", ownerKey.email());
        });
        assertThat(ownLog).as("an attempt on a is a's to see").anySatisfy(e -> assertActor(e, "serviceAccount", otherOwnerKey.email()));
        assertThat(ownLog).extracting(e -> e.get("method").asText()).startsWith("projects.create");

        for (String token : List.of(editorKey.accessToken(http, "admin"), viewerKey.accessToken(http, "admin"), otherOwner)) {
            Http.Response refused = http.getWithToken(base + "/auditLogs", token);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.json().get("error").get("status").asText()).isEqualTo("PERMISSION_DENIED");
            assertThat(http.getWithToken("/admin/v1/auditLogs", token).status()).isEqualTo(403);
            assertThat(http.getWithToken("/admin/v1/auditLogs?project=" + a, token).status()).isEqualTo(403);
        }
        assertThat(http.getWithToken(base + "/auditLogs", null).status()).isEqualTo(401);

        List<JsonNode> otherLog = read("/admin/v1/projects/" + b + "/auditLogs", otherOwner);
        assertThat(otherLog).isNotEmpty().allSatisfy(e -> {
            assertThat(e.get("projectId").asText()).isEqualTo(b);
            assertThat(e.toString()).doesNotContain(a);
        });

        List<JsonNode> all = everything();
        assertThat(all).anySatisfy(e -> assertThat(e.path("projectId").asText()).isEqualTo(a))
                .anySatisfy(e -> assertThat(e.path("projectId").asText()).isEqualTo(b))
                .anySatisfy(e -> assertThat(e.has("projectId")).isFalse());
        assertThat(projectLog(a)).extracting(JsonNode::toString).isEqualTo(ownLog.stream().map(JsonNode::toString).toList());
    }

    @Test
    void pagesFollowInAStableOrderAndBadParametersAreGoogleStyle400s() {
        String p = createProject(adminToken);
        for (int i = 0; i < 6; i++) {
            ok("POST", "/admin/v1/projects/" + p + "/keys", adminToken, Map.of("displayName", "k" + i));
        }
        String path = "/admin/v1/projects/" + p + "/auditLogs";
        List<String> whole = read(path, adminToken).stream().map(JsonNode::toString).toList();
        assertThat(whole).hasSize(7);
        List<String> paged = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            Http.Response r = http.getWithToken(path + "?pageSize=2" + (next == null ? "" : "&pageToken=" + next), adminToken);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            r.json().get("auditLogs").forEach(e -> paged.add(e.toString()));
            next = r.json().has("nextPageToken") ? r.json().get("nextPageToken").asText() : null;
            pages++;
        } while (next != null);
        assertThat(paged).isEqualTo(whole);
        assertThat(pages).isEqualTo(4);

        List<JsonNode> entries = read(path, adminToken);
        java.time.Instant second = java.time.Instant.parse(entries.get(1).get("time").asText());
        assertThat(read(path + "?start=" + second, adminToken)).extracting(JsonNode::toString).isEqualTo(entries.stream()
                .filter(e -> !java.time.Instant.parse(e.get("time").asText()).isBefore(second)).map(JsonNode::toString).toList());
        assertThat(read(path + "?end=" + second, adminToken)).extracting(JsonNode::toString).isEqualTo(entries.stream()
                .filter(e -> java.time.Instant.parse(e.get("time").asText()).isBefore(second)).map(JsonNode::toString).toList());
        assertThat(read(path + "?end=2000-01-01T00:00:00%2B02:00", adminToken)).isEmpty();

        String token = http.getWithToken(path + "?pageSize=1", adminToken).json().get("nextPageToken").asText();
        String other = createProject(adminToken);
        for (String bad : List.of("start=yesterday", "start=2026-13-01T00:00:00Z", "start=%2B10000-01-01T00:00:00Z",
                "end=-0001-01-01T00:00:00Z", "start=2026-12-01T00:00:00Z&end=2026-11-01T00:00:00Z", "pageSize=-1", "pageSize=abc",
                "pageSize=99999999999", "pageToken=garbage!", "pageToken=" + token + "x", "pageToken=" + "A".repeat(3000))) {
            assertGoogle400(http.getWithToken(path + "?" + bad, adminToken), bad);
        }
        assertGoogle400(http.getWithToken("/admin/v1/projects/" + other + "/auditLogs?pageToken=" + token, adminToken), "another project's token");
        assertGoogle400(http.getWithToken(path + "?start=2020-01-01T00:00:00Z&pageToken=" + token, adminToken), "another query's token");
        assertGoogle400(http.getWithToken("/admin/v1/auditLogs?project=NOT_A_PROJECT", adminToken), "a bad project filter");
        assertThat(http.getWithToken(path + "?pageSize=5000", adminToken).status()).as("capped, not refused").isEqualTo(200);
    }

    private static void assertGoogle400(Http.Response r, String what) {
        assertThat(r.status()).as(what + ": " + r).isEqualTo(400);
        assertThat(r.json().get("error").get("status").asText()).as(what).isEqualTo("INVALID_ARGUMENT");
        assertThat(r.json().get("error").get("code").asInt()).as(what).isEqualTo(400);
    }

    @Test
    void noKeyStringPrivateKeyClientSecretPasswordOrTokenIsEverInTheLog() throws IOException {
        String p = createProject(adminToken);
        String base = "/admin/v1/projects/" + p;
        List<String> secrets = new ArrayList<>();
        JsonNode key = ok("POST", base + "/keys", adminToken, Map.of("displayName", "k")).json();
        secrets.add(key.get("keyString").asText());
        JsonNode sa = ok("POST", base + "/serviceAccounts", adminToken, Map.of("accountId", "secret-bot")).json();
        String privateKeyData = ok("POST", base + "/serviceAccounts/" + sa.get("email").asText() + "/keys", adminToken, "").json()
                .get("privateKeyData").asText();
        secrets.add(privateKeyData);
        KeyFiles.KeyFile keyFile = KeyFiles.fromPrivateKeyData(privateKeyData);
        for (String line : keyFile.json().get("private_key").asText().split("\n")) {
            if (line.length() > 20 && !line.startsWith("-----")) {
                secrets.add(line);
            }
        }
        JsonNode client = ok("POST", base + "/oauthClients", adminToken, Map.of("type", "web", "displayName", "W",
                "redirectUris", List.of("https://w.example.com/cb"))).json();
        secrets.add(client.get("clientSecret").asText());
        secrets.add(ok("POST", base + "/oauthClients/" + client.get("clientId").asText() + "/secrets", adminToken, "").json()
                .get("clientSecret").asText());
        String saToken = keyFile.accessToken(http, "admin");
        secrets.add(saToken);
        secrets.add(adminToken);
        // Secrets where ids belong, by mistake or on purpose: in paths, custom verbs and the bearer itself.
        call("DELETE", base + "/keys/" + key.get("keyString").asText(), adminToken, null);
        call("POST", base + "/serviceAccounts/" + saToken + ":disable", adminToken, "");
        call("POST", "/admin/v1/projects/" + client.get("clientSecret").asText() + "/keys", adminToken, Map.of());
        call("POST", base + "/keys", key.get("keyString").asText(), Map.of());

        String email = uniqueEmail();
        String password = "pw-" + UUID.randomUUID();
        String newPassword = "new-" + UUID.randomUUID();
        secrets.add(password);
        secrets.add(newPassword);
        Browser b = browser();
        assertThat(b.signUp(email, password).status()).isEqualTo(303);
        b.submit("/account", "/account/password", Map.of("current_password", password, "new_password", newPassword));
        browser().signIn(email, password);
        browser().signIn(password + "@example.com", newPassword);
        String session = b.cookie("tollgate_session").orElseThrow();
        secrets.add(session);

        String log = everything().toString();
        assertThat(log).contains(p).contains(email);
        for (String secret : secrets) {
            assertThat(log).as("a secret in the log").doesNotContain(secret);
            assertThat(log).as("the start of a secret in the log").doesNotContain(secret.substring(0, Math.min(secret.length(), 24)));
        }
        String decodedKeyFile = new String(Base64.getDecoder().decode(privateKeyData), StandardCharsets.UTF_8);
        assertThat(log).doesNotContain(decodedKeyFile.substring(0, 40));
        assertThat(log).contains("[redacted]");
    }
}
