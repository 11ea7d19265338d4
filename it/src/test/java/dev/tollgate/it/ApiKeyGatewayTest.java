package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Simple access: API keys at the gateway, their restrictions, and the admin calls that manage them. */
class ApiKeyGatewayTest extends EndToEnd {
    private String project;
    private String key;
    private String robotToken;
    private String robotEmail;

    @BeforeAll
    void projectWithKeyAndPosts() throws Exception {
        project = createProject(adminToken);
        enable(adminToken, project, "posts");
        key = createKey(adminToken, project, Map.of("displayName", "web")).get("keyString").asText();
        KeyFiles.KeyFile robot = createServiceAccount(adminToken, project, "poster");
        robotEmail = robot.email();
        robotToken = robot.accessToken(http, "posts");
        assertThat(gateway.postJson("/posts/v1/people/me/posts", robotToken, Map.of("content", "hello world", "visibility", "public")).status()).isEqualTo(200);
        assertThat(gateway.postJson("/posts/v1/people/me/posts", robotToken, Map.of("content", "my secret", "visibility", "private")).status()).isEqualTo(200);
    }

    private Http.Response listPosts(String keyString, String... headers) {
        return gateway.get("/posts/v1/people/" + robotEmail + "/posts?key=" + keyString, headers);
    }

    @Test
    void keyInQueryParameterThenPublicPostsOnly() {
        Http.Response r = listPosts(key);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("items")).extracting(n -> n.get("content").asText()).containsExactly("hello world");
    }

    @Test
    void keyInHeaderThenAccepted() {
        Http.Response r = gateway.get("/posts/v1/people/" + robotEmail + "/posts", "X-Goog-Api-Key", key);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    @Test
    void tokenForMeThenPrivatePostsToo() {
        Http.Response r = gateway.getWithToken("/posts/v1/people/me/posts", robotToken);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("items")).extracting(n -> n.get("content").asText()).containsExactlyInAnyOrder("hello world", "my secret");
    }

    @Test
    void privatePostByIdWithKeyThenNotFound() {
        JsonNode mine = gateway.getWithToken("/posts/v1/people/me/posts", robotToken).json().get("items");
        String privateId = null;
        for (JsonNode p : mine) {
            if (p.get("visibility").asText().equals("private")) {
                privateId = p.get("id").asText();
            }
        }
        assertThat(gateway.get("/posts/v1/posts/" + privateId + "?key=" + key).status()).isEqualTo(404);
        assertThat(gateway.getWithToken("/posts/v1/posts/" + privateId, robotToken).status()).isEqualTo(200);
    }

    @Test
    void noCredentialsOnEitherMethodThen403CredentialsMissing() {
        Http.Response r = gateway.get("/posts/v1/people/" + robotEmail + "/posts");
        assertGoogleError(r, 403, "PERMISSION_DENIED", "CREDENTIALS_MISSING");
    }

    @Test
    void keyOnAuthorizedMethodThen401CredentialsMissing() {
        Http.Response r = gateway.send(gateway.request("/posts/v1/people/me/posts?key=" + key).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"content\":\"x\"}")));
        assertGoogleError(r, 401, "UNAUTHENTICATED", "CREDENTIALS_MISSING");
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void malformedKeyThen400ApiKeyInvalid() {
        assertGoogleError(listPosts("AIzaSyNotOurs"), 400, "INVALID_ARGUMENT", "API_KEY_INVALID");
        // Right shape, wrong checksum: refused without a lookup, answered the same way.
        String tampered = key.substring(0, key.length() - 1) + (key.endsWith("A") ? "B" : "A");
        assertGoogleError(listPosts(tampered), 400, "INVALID_ARGUMENT", "API_KEY_INVALID");
    }

    @Test
    void errorBodyHasGoogleShape() {
        JsonNode error = listPosts("bogus").json().get("error");
        assertThat(error.get("code").asInt()).isEqualTo(400);
        assertThat(error.get("message").asText()).isEqualTo("API key not valid. Please pass a valid API key.");
        assertThat(error.get("errors").get(0).get("reason").asText()).isEqualTo("badRequest");
        JsonNode info = error.get("details").get(0);
        assertThat(info.get("@type").asText()).isEqualTo("type.googleapis.com/google.rpc.ErrorInfo");
        assertThat(info.get("domain").asText()).isEqualTo("googleapis.com");
        assertThat(info.get("metadata").get("service").asText()).isEqualTo("posts");
    }

    @Test
    void deletedKeyIsRefusedAtOnce() {
        JsonNode created = createKey(adminToken, project, Map.of("displayName", "short-lived"));
        String keyString = created.get("keyString").asText();
        assertThat(listPosts(keyString).status()).isEqualTo(200);
        assertThat(http.delete("/admin/v1/projects/" + project + "/keys/" + created.get("keyId").asText(), adminToken).status()).isEqualTo(200);
        assertGoogleError(listPosts(keyString), 400, "INVALID_ARGUMENT", "API_KEY_INVALID");
    }

    @Test
    void disabledApiThenServiceDisabledAndEnabledAgainThenServed() {
        String other = createProject(adminToken);
        String otherKey = createKey(adminToken, other, Map.of()).get("keyString").asText();
        Http.Response before = listPosts(otherKey);
        assertGoogleError(before, 403, "PERMISSION_DENIED", "SERVICE_DISABLED");
        assertThat(before.json().at("/error/details/0/metadata/consumer").asText()).startsWith("projects/");
        enable(adminToken, other, "posts");
        assertThat(listPosts(otherKey).status()).isEqualTo(200);
        assertThat(http.postJson("/admin/v1/projects/" + other + "/services/posts/disable", adminToken, "").status()).isEqualTo(200);
        assertGoogleError(listPosts(otherKey), 403, "PERMISSION_DENIED", "SERVICE_DISABLED");
    }

    @Test
    void keyRestrictedToAnotherApiThenServiceBlocked() {
        String restricted = keyWith(Map.of("apiTargets", List.of(Map.of("service", "calendar"))));
        assertGoogleError(listPosts(restricted), 403, "PERMISSION_DENIED", "API_KEY_SERVICE_BLOCKED");
        String allowed = keyWith(Map.of("apiTargets", List.of(Map.of("service", "posts"))));
        assertThat(listPosts(allowed).status()).isEqualTo(200);
    }

    @Test
    void keyRestrictedToOtherMethodsThenServiceBlocked() {
        String restricted = keyWith(Map.of("apiTargets", List.of(Map.of("service", "posts", "methods", List.of("posts.posts.get")))));
        assertGoogleError(listPosts(restricted), 403, "PERMISSION_DENIED", "API_KEY_SERVICE_BLOCKED");
    }

    @Test
    void keyRestrictedToOtherIpsThenIpBlockedAndLoopbackAllowed() {
        assertGoogleError(listPosts(keyWith(Map.of("allowedIps", List.of("203.0.113.0/24")))), 403, "PERMISSION_DENIED", "API_KEY_IP_ADDRESS_BLOCKED");
        assertThat(listPosts(keyWith(Map.of("allowedIps", List.of("127.0.0.0/8", "::1")))).status()).isEqualTo(200);
    }

    @Test
    void forwardedForFromUntrustedPeerIsIgnored() {
        String onlyDocumentationNet = keyWith(Map.of("allowedIps", List.of("203.0.113.0/24")));
        // The server trusts no proxy, so a caller cannot claim another address.
        assertGoogleError(listPosts(onlyDocumentationNet, "X-Forwarded-For", "203.0.113.9"), 403, "PERMISSION_DENIED", "API_KEY_IP_ADDRESS_BLOCKED");
    }

    @Test
    void keyWithReferrerRestrictionWhenSuffixLooksAlikeThenBlocked() {
        String k = keyWith(Map.of("allowedReferrers", List.of("*.example.com/*")));
        assertThat(listPosts(k, "Referer", "https://www.example.com/page").status()).isEqualTo(200);
        assertGoogleError(listPosts(k, "Referer", "https://www.example.com.evil.net/page"), 403, "PERMISSION_DENIED", "API_KEY_HTTP_REFERRER_BLOCKED");
        assertGoogleError(listPosts(k, "Referer", "https://evilexample.com/"), 403, "PERMISSION_DENIED", "API_KEY_HTTP_REFERRER_BLOCKED");
        assertGoogleError(listPosts(k), 403, "PERMISSION_DENIED", "API_KEY_HTTP_REFERRER_BLOCKED");
    }

    @Test
    void keyWithAndroidRestrictionNeedsPackageAndCertificate() {
        String sha1 = "DA:39:A3:EE:5E:6B:4B:0D:32:55:BF:EF:95:60:18:90:AF:D8:07:09";
        String k = keyWith(Map.of("androidApps", List.of(Map.of("packageName", "com.example.app", "sha1Fingerprint", sha1))));
        assertThat(listPosts(k, "X-Android-Package", "com.example.app", "X-Android-Cert", sha1.replace(":", "").toLowerCase()).status()).isEqualTo(200);
        assertGoogleError(listPosts(k, "X-Android-Package", "com.example.app"), 403, "PERMISSION_DENIED", "API_KEY_ANDROID_APP_BLOCKED");
        assertGoogleError(listPosts(k, "X-Android-Package", "com.evil.app", "X-Android-Cert", sha1), 403, "PERMISSION_DENIED", "API_KEY_ANDROID_APP_BLOCKED");
    }

    @Test
    void keyWithIosRestrictionNeedsBundleId() {
        String k = keyWith(Map.of("iosBundleIds", List.of("com.example.ios")));
        assertThat(listPosts(k, "X-Ios-Bundle-Identifier", "com.example.ios").status()).isEqualTo(200);
        assertGoogleError(listPosts(k, "X-Ios-Bundle-Identifier", "com.example.iosx"), 403, "PERMISSION_DENIED", "API_KEY_IOS_APP_BLOCKED");
    }

    @Test
    void restrictionChangeTakesEffectAtOnce() {
        JsonNode created = createKey(adminToken, project, Map.of("displayName", "changing"));
        String k = created.get("keyString").asText();
        String path = "/admin/v1/projects/" + project + "/keys/" + created.get("keyId").asText();
        assertThat(listPosts(k).status()).isEqualTo(200);
        Http.Response patched = http.patchJson(path, adminToken, Map.of("restrictions", Map.of("allowedIps", List.of("198.51.100.1"))));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json().get("displayName").asText()).isEqualTo("changing");
        assertGoogleError(listPosts(k), 403, "PERMISSION_DENIED", "API_KEY_IP_ADDRESS_BLOCKED");
        assertThat(http.patchJson(path, adminToken, Map.of("restrictions", Map.of())).status()).isEqualTo(200);
        assertThat(listPosts(k).status()).isEqualTo(200);
    }

    @Test
    void keyStringIsShownOnceAndStoredOnlyAsHash() {
        JsonNode created = createKey(adminToken, project, Map.of("displayName", "once"));
        String keyId = created.get("keyId").asText();
        assertThat(created.get("keyString").asText()).matches("tgk_[0-9A-Za-z]{38}");
        assertThat(created.get("name").asText()).isEqualTo("projects/" + project + "/keys/" + keyId);
        Http.Response get = http.getWithToken("/admin/v1/projects/" + project + "/keys/" + keyId, adminToken);
        assertThat(get.json().has("keyString")).isFalse();
        assertThat(get.body()).doesNotContain(created.get("keyString").asText());
        Http.Response list = http.getWithToken("/admin/v1/projects/" + project + "/keys", adminToken);
        assertThat(list.body()).doesNotContain(created.get("keyString").asText());
        assertThat(list.json().get("keys")).extracting(n -> n.get("keyId").asText()).contains(keyId);
    }

    @Test
    void invalidRestrictionsAreRefusedAndNothingIsStored() {
        int before = http.getWithToken("/admin/v1/projects/" + project + "/keys", adminToken).json().get("keys").size();
        for (Object bad : List.of(
                Map.of("allowedIps", List.of("not-an-ip")),
                Map.of("allowedIps", List.of("10.0.0.0/33")),
                Map.of("allowedReferrers", List.of("*")),
                Map.of("apiTargets", List.of(Map.of("service", "nosuchapi"))),
                Map.of("allowedIps", List.of("10.0.0.1"), "iosBundleIds", List.of("com.x")),
                Map.of("androidApps", List.of(Map.of("packageName", "com.x", "sha1Fingerprint", "zz"))),
                Map.of("unknownField", 1),
                "not an object")) {
            Http.Response r = http.postJson("/admin/v1/projects/" + project + "/keys", adminToken, Map.of("restrictions", bad));
            assertThat(r.status()).as(bad + " → " + r).isEqualTo(400);
            assertThat(r.reason()).isEqualTo("BAD_REQUEST");
        }
        assertThat(http.getWithToken("/admin/v1/projects/" + project + "/keys", adminToken).json().get("keys").size()).isEqualTo(before);
    }

    private String keyWith(Map<String, Object> restrictions) {
        return createKey(adminToken, project, Map.of("restrictions", restrictions)).get("keyString").asText();
    }

    static void assertGoogleError(Http.Response r, int code, String status, String reason) {
        assertThat(r.status()).as(r.toString()).isEqualTo(code);
        assertThat(r.json().at("/error/code").asInt()).isEqualTo(code);
        assertThat(r.json().at("/error/status").asText()).isEqualTo(status);
        assertThat(r.reason()).as(r.toString()).isEqualTo(reason);
    }
}
