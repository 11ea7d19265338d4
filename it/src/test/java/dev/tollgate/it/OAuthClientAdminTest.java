package dev.tollgate.it;

import static dev.tollgate.it.ApiKeyGatewayTest.assertGoogleError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The admin API's OAuth clients and consent screen. */
class OAuthClientAdminTest extends EndToEnd {

    @Test
    void webClientIsCreatedWithItsSecretShownOnceInGooglesFileFormat() {
        String project = createProject(adminToken);
        Http.Response r = http.postJson("/admin/v1/projects/" + project + "/oauthClients", adminToken, Map.of("type", "web",
                "displayName", "Site", "redirectUris", List.of("https://site.example.com/cb"), "javascriptOrigins", List.of("https://site.example.com")));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode c = r.json();
        String clientId = c.get("clientId").asText();
        assertThat(clientId).endsWith(".apps.tollgate");
        assertThat(c.get("clientSecret").asText()).startsWith("tgs_");
        JsonNode file = c.get("clientSecretJson").get("web");
        assertThat(file.get("client_id").asText()).isEqualTo(clientId);
        assertThat(file.get("client_secret").asText()).isEqualTo(c.get("clientSecret").asText());
        assertThat(file.get("project_id").asText()).isEqualTo(project);
        assertThat(file.get("token_uri").asText()).isEqualTo(adminKey.tokenUri());
        assertThat(file.get("auth_uri").asText()).endsWith("/o/oauth2/v2/auth");
        assertThat(file.get("redirect_uris")).extracting(JsonNode::asText).containsExactly("https://site.example.com/cb");
        assertThat(file.get("javascript_origins")).extracting(JsonNode::asText).containsExactly("https://site.example.com");

        Http.Response get = http.getWithToken("/admin/v1/projects/" + project + "/oauthClients/" + clientId, adminToken);
        assertThat(get.json().get("type").asText()).isEqualTo("web");
        assertThat(get.body()).doesNotContain(c.get("clientSecret").asText()).doesNotContain("clientSecret");
        assertThat(http.getWithToken("/admin/v1/projects/" + project + "/oauthClients", adminToken).json().get("oauthClients")).hasSize(1);
    }

    /** Whether the authorization endpoint takes {@code redirect} for the client: it sends a person on to sign in (302), or refuses (400). */
    int authorizationStatus(String clientId, String redirect) {
        return http.get("/o/oauth2/v2/auth?client_id=" + clientId + "&response_type=code&scope=posts&redirect_uri="
                + java.net.URLEncoder.encode(redirect, java.nio.charset.StandardCharsets.UTF_8)).status();
    }

    @Test
    void patchReplacesTheRedirectUrisAndTheOldOneIsRefusedAtOnce() throws java.io.IOException {
        String project = createProject(adminToken);
        String clientId = http.postJson("/admin/v1/projects/" + project + "/oauthClients", adminToken, Map.of("type", "web",
                "displayName", "Site", "redirectUris", List.of("https://site.example.com/old"))).json().get("clientId").asText();
        String path = "/admin/v1/projects/" + project + "/oauthClients/" + clientId;
        assertThat(authorizationStatus(clientId, "https://site.example.com/old")).isEqualTo(302);

        Http.Response patched = http.patchJson(path, adminToken, Map.of("redirectUris", List.of("https://site.example.com/new"),
                "javascriptOrigins", List.of("https://site.example.com")));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json().get("displayName").asText()).as("a field left out stays").isEqualTo("Site");
        assertThat(patched.json().get("redirectUris")).extracting(JsonNode::asText).containsExactly("https://site.example.com/new");
        assertThat(patched.json().get("javascriptOrigins")).extracting(JsonNode::asText).containsExactly("https://site.example.com");
        assertThat(authorizationStatus(clientId, "https://site.example.com/new")).isEqualTo(302);
        assertThat(authorizationStatus(clientId, "https://site.example.com/old")).as("the replaced redirect URI").isEqualTo(400);

        for (Object body : List.of(Map.of("redirectUris", List.of("http://site.example.com/cb")), Map.of("redirectUris", "https://site.example.com/cb"),
                Map.of("redirectUris", List.of("https://site.example.com/*")), Map.of("javascriptOrigins", List.of("https://site.example.com/path")),
                Map.of("type", "installed"), Map.of("displayName", "x".repeat(101)))) {
            assertThat(http.patchJson(path, adminToken, body).status()).as(body.toString()).isEqualTo(400);
        }
        assertThat(http.getWithToken(path, adminToken).json().get("redirectUris")).extracting(JsonNode::asText)
                .as("refused changes change nothing").containsExactly("https://site.example.com/new");

        String other = createProject(adminToken);
        String viewerToken = createServiceAccount(adminToken, other, "viewer-bot").accessToken(http, "admin");
        assertThat(http.postJson("/admin/v1/projects/" + project + "/members", adminToken,
                Map.of("member", "serviceAccount:viewer-bot@" + other + ".iam", "role", "viewer")).status()).isEqualTo(200);
        assertThat(http.patchJson(path, viewerToken, Map.of("redirectUris", List.of())).status()).isEqualTo(403);
        assertThat(http.patchJson("/admin/v1/projects/" + project + "/oauthClients/9-nobody.apps.tollgate", adminToken,
                Map.of("displayName", "x")).status()).isEqualTo(404);

        JsonNode log = http.getWithToken("/admin/v1/projects/" + project + "/auditLogs", adminToken).json();
        assertThat(log.get("auditLogs")).extracting(e -> e.get("method").asText() + " " + e.get("resource").asText())
                .contains("projects.oauthClients.update projects/" + project + "/oauthClients/" + clientId);
    }

    @Test
    void installedClientFileUsesTheInstalledKey() {
        String project = createProject(adminToken);
        JsonNode c = http.postJson("/admin/v1/projects/" + project + "/oauthClients", adminToken,
                Map.of("type", "installed", "redirectUris", List.of("http://127.0.0.1/cb"))).json();
        assertThat(c.get("clientSecretJson").has("installed")).isTrue();
        assertThat(c.get("clientSecretJson").has("web")).isFalse();
    }

    @Test
    void badClientsAreRefusedAndNothingIsStored() {
        String project = createProject(adminToken);
        String base = "/admin/v1/projects/" + project + "/oauthClients";
        for (Object body : List.of(Map.of("type", "spa"), Map.of("type", "web", "redirectUris", List.of("http://site.example.com/cb")),
                Map.of("type", "web", "redirectUris", List.of("https://site.example.com/cb#x")),
                Map.of("type", "web", "redirectUris", "https://site.example.com/cb"),
                Map.of("type", "installed", "redirectUris", List.of("https://site.example.com/cb")),
                Map.of("type", "installed", "redirectUris", List.of("http://127.0.0.1/cb"), "javascriptOrigins", List.of("https://x.example")),
                Map.of("type", "web", "javascriptOrigins", List.of("https://site.example.com/path")),
                Map.of("type", "web", "extra", true))) {
            assertThat(http.postJson(base, adminToken, body).status()).as(body.toString()).isEqualTo(400);
        }
        assertThat(http.getWithToken(base, adminToken).json().get("oauthClients")).isEmpty();
    }

    @Test
    void secretRotationKeepsTheOldSecretUntilItIsDeleted() {
        String project = createProject(adminToken);
        var client = OAuthClients.register(http, adminToken, project, "web", List.of("https://site.example.com/cb"));
        String base = "/admin/v1/projects/" + project + "/oauthClients/" + client.clientId() + "/secrets";
        JsonNode added = http.postJson(base, adminToken, "").json();
        var rotated = new OAuthClients.Registered(client.clientId(), added.get("clientSecret").asText(), "web", client.redirectUris(), client.created());
        assertThat(introspectStatus(client)).isEqualTo(200);
        assertThat(introspectStatus(rotated)).isEqualTo(200);
        assertGoogleError(http.postJson(base, adminToken, ""), 400, "FAILED_PRECONDITION", "FAILED_PRECONDITION");

        JsonNode secrets = http.getWithToken(base, adminToken).json().get("secrets");
        assertThat(secrets).hasSize(2);
        String oldId = secrets.get(0).get("secretId").asText();
        assertThat(http.getWithToken(base, adminToken).body()).doesNotContain(client.secret()).doesNotContain(rotated.secret());
        assertThat(http.delete(base + "/" + oldId, adminToken).status()).isEqualTo(200);
        assertThat(introspectStatus(client)).isEqualTo(401);
        assertThat(introspectStatus(rotated)).isEqualTo(200);
    }

    private int introspectStatus(OAuthClients.Registered client) {
        return http.postForm("/introspect", Map.of("token", "tga_nothing"), "Authorization", client.basic()).status();
    }

    @Test
    void consentScreenDefaultsToTheProjectNameAndCanBeChanged() {
        String project = createProject(adminToken);
        String path = "/admin/v1/projects/" + project + "/consentScreen";
        assertThat(http.getWithToken(path, adminToken).json().get("applicationName").asText()).isEqualTo("Test " + project);
        JsonNode updated = http.patchJson(path, adminToken, Map.of("applicationName", "Pal", "supportEmail", "help@pal.example",
                "homepage", "https://pal.example")).json();
        assertThat(updated.get("applicationName").asText()).isEqualTo("Pal");
        assertThat(updated.get("supportEmail").asText()).isEqualTo("help@pal.example");
        assertThat(http.patchJson(path, adminToken, Map.of("supportEmail", "not an email")).status()).isEqualTo(400);
        assertThat(http.patchJson(path, adminToken, Map.of("homepage", "javascript:alert(1)")).status()).isEqualTo(400);
        assertThat(http.patchJson(path, adminToken, Map.of("applicationName", "")).status()).isEqualTo(400);
        assertThat(http.getWithToken(path, adminToken).json().get("applicationName").asText()).isEqualTo("Pal");
    }

    @Test
    void deletedClientCannotAuthenticateAnyMore() {
        String project = createProject(adminToken);
        var client = OAuthClients.register(http, adminToken, project, "web", List.of("https://site.example.com/cb"));
        assertThat(introspectStatus(client)).isEqualTo(200);
        assertThat(http.delete("/admin/v1/projects/" + project + "/oauthClients/" + client.clientId(), adminToken).status()).isEqualTo(200);
        assertThat(introspectStatus(client)).isEqualTo(401);
        assertThat(http.getWithToken("/admin/v1/projects/" + project + "/oauthClients/" + client.clientId(), adminToken).status()).isEqualTo(404);
    }

    @Test
    void viewersCannotCreateClients() throws Exception {
        String project = createProject(adminToken);
        String other = createProject(adminToken);
        KeyFiles.KeyFile viewer = createServiceAccount(adminToken, other, "viewer-oauth");
        http.postJson("/admin/v1/projects/" + project + "/members", adminToken, Map.of("member", "serviceAccount:" + viewer.email(), "role", "viewer"));
        Http.Response r = http.postJson("/admin/v1/projects/" + project + "/oauthClients", viewer.accessToken(http, "admin"),
                Map.of("type", "web", "redirectUris", List.of("https://x.example/cb")));
        assertGoogleError(r, 403, "PERMISSION_DENIED", "IAM_PERMISSION_DENIED");
    }
}
