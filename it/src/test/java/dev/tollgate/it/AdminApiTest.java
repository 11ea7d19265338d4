package dev.tollgate.it;

import static dev.tollgate.it.ApiKeyGatewayTest.assertGoogleError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The admin API: projects, services, members and roles, service accounts and their keys. */
class AdminApiTest extends EndToEnd {

    @Test
    void createProjectThenItHasANumberAndTheCallerOwnsIt() {
        String id = uniqueProjectId();
        Http.Response r = http.postJson("/admin/v1/projects", adminToken, Map.of("projectId", id, "displayName", "My project"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("projectNumber").asText()).matches("[1-9][0-9]{11}");
        assertThat(r.json().get("displayName").asText()).isEqualTo("My project");
        assertThat(Instant.parse(r.json().get("createTime").asText())).isBefore(Instant.now().plusSeconds(1));
        JsonNode members = http.getWithToken("/admin/v1/projects/" + id + "/members", adminToken).json().get("members");
        assertThat(members.get(0).get("member").asText()).isEqualTo("serviceAccount:admin@tollgate.iam");
        assertThat(members.get(0).get("role").asText()).isEqualTo("owner");
    }

    @Test
    void duplicateProjectThen409() {
        String id = createProject(adminToken);
        assertGoogleError(http.postJson("/admin/v1/projects", adminToken, Map.of("projectId", id)), 409, "ALREADY_EXISTS", "ALREADY_EXISTS");
    }

    @Test
    void projectIdRulesLikeGoogle() {
        for (String bad : new String[] {"short", "Upper-case", "1starts-with-digit", "ends-with-hyphen-", "has_underscore",
                "a".repeat(31), "spaces in id", "ünïcode-id", ""}) {
            Http.Response r = http.postJson("/admin/v1/projects", adminToken, Map.of("projectId", bad));
            assertThat(r.status()).as(bad + " → " + r).isEqualTo(400);
        }
        assertThat(http.postJson("/admin/v1/projects", adminToken, "{}").status()).isEqualTo(400);
    }

    @Test
    void unknownProjectForPlatformAdminThen404() {
        assertGoogleError(http.getWithToken("/admin/v1/projects/no-such-project", adminToken), 404, "NOT_FOUND", "NOT_FOUND");
    }

    @Test
    void malformedJsonThen400AndNothingStored() {
        String id = uniqueProjectId();
        for (String body : new String[] {"{", "[]", "\"x\"", "{\"projectId\": 5}", "{\"projectId\":\"" + id + "\",\"extra\":1}",
                "{\"projectId\":\"" + id + "\"} trailing", "{\"projectId\":\"" + id + "\",\"projectId\":\"" + id + "\"}", "null"}) {
            Http.Response r = http.postJson("/admin/v1/projects", adminToken, body);
            assertThat(r.status()).as(body + " → " + r).isEqualTo(400);
            assertThat(r.json().at("/error/status").asText()).isEqualTo("INVALID_ARGUMENT");
        }
        assertThat(http.getWithToken("/admin/v1/projects/" + id, adminToken).status()).isEqualTo(404);
    }

    @Test
    void noTokenThen401WithChallenge() {
        Http.Response r = http.get("/admin/v1/projects");
        assertGoogleError(r, 401, "UNAUTHENTICATED", "CREDENTIALS_MISSING");
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void tokenWithoutAdminScopeThen403() {
        assertGoogleError(http.getWithToken("/admin/v1/projects", adminKey.accessToken(http, "posts")), 403, "PERMISSION_DENIED",
                "ACCESS_TOKEN_SCOPE_INSUFFICIENT");
    }

    @Test
    void apiKeyIsNoAdminCredential() {
        String project = createProject(adminToken);
        String key = createKey(adminToken, project, Map.of()).get("keyString").asText();
        assertThat(http.getWithToken("/admin/v1/projects", key).status()).isEqualTo(401);
        assertThat(http.get("/admin/v1/projects?key=" + key).status()).isEqualTo(401);
    }

    @Test
    void rolesDecideWhatAMemberMayDo() throws Exception {
        String project = createProject(adminToken);
        String other = createProject(adminToken);
        String viewer = createServiceAccount(adminToken, other, "viewer-bot").accessToken(http, "admin");
        String editorEmail;
        KeyFiles.KeyFile editorKey = createServiceAccount(adminToken, other, "editor-bot");
        editorEmail = editorKey.email();
        String editor = editorKey.accessToken(http, "admin");
        String viewerEmail = "viewer-bot@" + other + ".iam";

        // Not a member: 403, whether or not the project exists.
        assertGoogleError(http.getWithToken("/admin/v1/projects/" + project, viewer), 403, "PERMISSION_DENIED", "IAM_PERMISSION_DENIED");
        assertGoogleError(http.getWithToken("/admin/v1/projects/no-such-project", viewer), 403, "PERMISSION_DENIED", "IAM_PERMISSION_DENIED");
        assertThat(http.getWithToken("/admin/v1/projects", viewer).json().get("projects")).isEmpty();

        assertThat(http.postJson("/admin/v1/projects/" + project + "/members", adminToken,
                Map.of("member", "serviceAccount:" + viewerEmail, "role", "viewer")).status()).isEqualTo(200);
        assertThat(http.postJson("/admin/v1/projects/" + project + "/members", adminToken,
                Map.of("member", "serviceAccount:" + editorEmail, "role", "editor")).status()).isEqualTo(200);

        assertThat(http.getWithToken("/admin/v1/projects/" + project, viewer).status()).isEqualTo(200);
        assertThat(http.getWithToken("/admin/v1/projects/" + project + "/keys", viewer).status()).isEqualTo(200);
        assertThat(http.getWithToken("/admin/v1/projects", viewer).json().get("projects"))
                .extracting(n -> n.get("projectId").asText()).containsExactly(project);
        assertGoogleError(http.postJson("/admin/v1/projects/" + project + "/keys", viewer, Map.of()), 403, "PERMISSION_DENIED", "IAM_PERMISSION_DENIED");
        assertGoogleError(http.postJson("/admin/v1/projects/" + project + "/services/posts/enable", viewer, ""), 403, "PERMISSION_DENIED", "IAM_PERMISSION_DENIED");

        assertThat(http.postJson("/admin/v1/projects/" + project + "/keys", editor, Map.of()).status()).isEqualTo(200);
        assertThat(http.postJson("/admin/v1/projects/" + project + "/services/posts/enable", editor, "").status()).isEqualTo(200);
        assertGoogleError(http.postJson("/admin/v1/projects/" + project + "/members", editor,
                Map.of("member", "user:someone@example.com", "role", "owner")), 403, "PERMISSION_DENIED", "IAM_PERMISSION_DENIED");
        assertGoogleError(http.delete("/admin/v1/projects/" + project, editor), 403, "PERMISSION_DENIED", "IAM_PERMISSION_DENIED");

        // Taking a role away: only an owner may; the member loses access at once; the last owner stays.
        String viewerPath = "/admin/v1/projects/" + project + "/members/serviceAccount:" + viewerEmail;
        assertGoogleError(http.delete(viewerPath, editor), 403, "PERMISSION_DENIED", "IAM_PERMISSION_DENIED");
        assertThat(http.delete(viewerPath, adminToken).status()).isEqualTo(200);
        assertGoogleError(http.getWithToken("/admin/v1/projects/" + project, viewer), 403, "PERMISSION_DENIED", "IAM_PERMISSION_DENIED");
        assertGoogleError(http.delete(viewerPath, adminToken), 404, "NOT_FOUND", "NOT_FOUND");
        assertGoogleError(http.delete("/admin/v1/projects/" + project + "/members/serviceAccount:admin@tollgate.iam", adminToken),
                400, "FAILED_PRECONDITION", "FAILED_PRECONDITION");
        assertGoogleError(http.postJson("/admin/v1/projects/" + project + "/members", adminToken,
                Map.of("member", "serviceAccount:admin@tollgate.iam", "role", "editor")), 400, "FAILED_PRECONDITION", "FAILED_PRECONDITION");
        assertGoogleError(http.delete("/admin/v1/projects/" + project + "/members/not-a-member", adminToken), 400, "INVALID_ARGUMENT", "BAD_REQUEST");
    }

    @Test
    void invalidMemberOrRoleThen400() {
        String project = createProject(adminToken);
        for (Map<String, Object> body : java.util.List.<Map<String, Object>>of(
                Map.of("member", "someone@example.com", "role", "viewer"),
                Map.of("member", "group:team@example.com", "role", "viewer"),
                Map.of("member", "user:someone@example.com", "role", "admin"),
                Map.of("member", "user:", "role", "viewer"))) {
            assertThat(http.postJson("/admin/v1/projects/" + project + "/members", adminToken, body).status()).as(body.toString()).isEqualTo(400);
        }
    }

    @Test
    void servicesListTheCatalogWithEnabledFlags() {
        String project = createProject(adminToken);
        enable(adminToken, project, "calendar");
        JsonNode services = http.getWithToken("/admin/v1/projects/" + project + "/services", adminToken).json().get("services");
        assertThat(services).extracting(n -> n.get("name").asText() + "/" + n.get("version").asText() + "=" + n.get("enabled").asBoolean())
                .containsExactlyInAnyOrder("posts/v1=false", "calendar/v3=true");
        assertGoogleError(http.postJson("/admin/v1/projects/" + project + "/services/nope/enable", adminToken, ""), 404, "NOT_FOUND", "NOT_FOUND");
    }

    @Test
    void deletedProjectTakesItsKeysAndItsAccessTokensWithIt() throws Exception {
        String project = createProject(adminToken);
        enable(adminToken, project, "posts");
        String key = createKey(adminToken, project, Map.of()).get("keyString").asText();
        String token = createServiceAccount(adminToken, project, "doomed-bot").accessToken(http, "posts");
        assertThat(http.get("/posts/v1/people/x@y.z/posts?key=" + key).status()).isEqualTo(200);
        assertThat(http.getWithToken("/posts/v1/people/x@y.z/posts", token).status()).isEqualTo(200);
        assertThat(http.get("/tokeninfo?access_token=" + token).status()).isEqualTo(200);
        assertThat(http.delete("/admin/v1/projects/" + project, adminToken).status()).isEqualTo(200);
        assertThat(http.get("/posts/v1/people/x@y.z/posts?key=" + key).status()).isEqualTo(400);
        assertGoogleError(http.getWithToken("/posts/v1/people/x@y.z/posts", token), 401, "UNAUTHENTICATED", "ACCESS_TOKEN_INVALID");
        Http.Response info = http.get("/tokeninfo?access_token=" + token);
        assertThat(info.status()).as(info.toString()).isEqualTo(400);
        assertThat(info.json().get("error").asText()).isEqualTo("invalid_token");
        assertThat(http.getWithToken("/admin/v1/projects/" + project, adminToken).status()).isEqualTo(404);
    }

    @Test
    void serviceAccountLifecycle() throws Exception {
        String project = createProject(adminToken);
        Http.Response created = http.postJson("/admin/v1/projects/" + project + "/serviceAccounts", adminToken,
                Map.of("accountId", "builder-bot", "displayName", "Builder"));
        assertThat(created.json().get("email").asText()).isEqualTo("builder-bot@" + project + ".iam");
        assertThat(created.json().get("uniqueId").asText()).matches("[0-9]{21}");
        assertGoogleError(http.postJson("/admin/v1/projects/" + project + "/serviceAccounts", adminToken, Map.of("accountId", "builder-bot")),
                409, "ALREADY_EXISTS", "ALREADY_EXISTS");
        assertThat(http.postJson("/admin/v1/projects/" + project + "/serviceAccounts", adminToken, Map.of("accountId", "Bad_Id")).status()).isEqualTo(400);

        String email = created.json().get("email").asText();
        String base = "/admin/v1/projects/" + project + "/serviceAccounts/" + email;
        Http.Response key = http.postJson(base + "/keys", adminToken, "");
        KeyFiles.KeyFile file = KeyFiles.fromPrivateKeyData(key.json().get("privateKeyData").asText());
        assertThat(key.json().get("keyId").asText()).isEqualTo(file.keyId());
        assertThat(file.json().get("project_id").asText()).isEqualTo(project);
        assertThat(file.json().get("client_id").asText()).isEqualTo(created.json().get("uniqueId").asText());

        JsonNode listed = http.getWithToken(base + "/keys", adminToken).json().get("keys");
        assertThat(listed).extracting(n -> n.get("keyId").asText()).containsExactly(file.keyId());
        assertThat(http.getWithToken(base + "/keys", adminToken).body()).doesNotContain("PRIVATE KEY").doesNotContain("privateKeyData");

        JsonNode jwks = http.get("/service_accounts/v1/jwk/" + email).json();
        assertThat(jwks.get("keys")).extracting(n -> n.get("kid").asText()).containsExactly(file.keyId());

        assertThat(http.getWithToken(base, adminToken).json().get("displayName").asText()).isEqualTo("Builder");
        assertThat(http.getWithToken("/admin/v1/projects/" + project + "/serviceAccounts", adminToken).json().get("serviceAccounts")).hasSize(1);
        assertThat(http.delete(base, adminToken).status()).isEqualTo(200);
        assertThat(http.getWithToken(base, adminToken).status()).isEqualTo(404);
    }

    @Test
    void uploadedPublicKeyThenAssertionsSignedWithItAreAccepted() throws Exception {
        String project = createProject(adminToken);
        String email = http.postJson("/admin/v1/projects/" + project + "/serviceAccounts", adminToken, Map.of("accountId", "uploader"))
                .json().get("email").asText();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        String base = "/admin/v1/projects/" + project + "/serviceAccounts/" + email;
        Http.Response uploaded = http.postJson(base + "/keys:upload", adminToken,
                Map.of("publicKeyData", Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8))));
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(200);
        assertThat(uploaded.json().has("privateKeyData")).isFalse();
        String kid = uploaded.json().get("keyId").asText();

        var claims = new JWTClaimsSet.Builder().issuer(email).audience(adminKey.tokenUri()).claim("scope", "posts")
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600))).build();
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
        jwt.sign(new RSASSASigner(pair.getPrivate()));
        Http.Response token = http.postForm("/token", Map.of("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer", "assertion", jwt.serialize()));
        assertThat(token.status()).as(token.toString()).isEqualTo(200);

        for (String bad : new String[] {"not base64 !!", Base64.getEncoder().encodeToString("garbage".getBytes()),
                Base64.getEncoder().encodeToString("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n".getBytes())}) {
            assertThat(http.postJson(base + "/keys:upload", adminToken, Map.of("publicKeyData", bad)).status()).as(bad).isEqualTo(400);
        }
    }

    @Test
    void atMostTenKeysPerServiceAccount() {
        String project = createProject(adminToken);
        String email = http.postJson("/admin/v1/projects/" + project + "/serviceAccounts", adminToken, Map.of("accountId", "many-keys"))
                .json().get("email").asText();
        String keys = "/admin/v1/projects/" + project + "/serviceAccounts/" + email + "/keys";
        for (int i = 0; i < 10; i++) {
            assertThat(http.postJson(keys, adminToken, "").status()).isEqualTo(200);
        }
        assertGoogleError(http.postJson(keys, adminToken, ""), 400, "FAILED_PRECONDITION", "FAILED_PRECONDITION");
    }

    @Test
    void deletedServiceAccountLosesItsRolesAndItsAddressIsNeverGivenOutAgain() throws Exception {
        String project = createProject(adminToken);
        String home = createProject(adminToken);
        KeyFiles.KeyFile first = createServiceAccount(adminToken, home, "phoenix-bot");
        assertThat(http.postJson("/admin/v1/projects/" + project + "/members", adminToken,
                Map.of("member", "serviceAccount:" + first.email(), "role", "owner")).status()).isEqualTo(200);
        assertThat(http.getWithToken("/admin/v1/projects/" + project, first.accessToken(http, "admin")).status()).isEqualTo(200);

        assertThat(http.delete("/admin/v1/projects/" + home + "/serviceAccounts/" + first.email(), adminToken).status()).isEqualTo(200);
        assertGoogleError(http.postJson("/admin/v1/projects/" + home + "/serviceAccounts", adminToken, Map.of("accountId", "phoenix-bot")),
                409, "ALREADY_EXISTS", "ALREADY_EXISTS");
        assertThat(http.getWithToken("/admin/v1/projects/" + project + "/members", adminToken).body()).doesNotContain(first.email());
    }
}
