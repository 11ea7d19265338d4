package dev.tollgate.it;

import static dev.tollgate.it.ApiKeyGatewayTest.assertGoogleError;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code POST /admin/v1/users}: platform administrators create people, who can then sign in. */
class PeopleAdminApiTest extends PeopleEndToEndTest {

    @Test
    void administratorCreatesAPersonWhoCanSignIn() {
        String email = uniqueEmail();
        Http.Response r = http.postJson("/admin/v1/users", adminToken, Map.of("email", email.toUpperCase(), "password", PASSWORD));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("email").asText()).isEqualTo(email);
        assertThat(r.json().get("userId").asText()).matches("[1-9][0-9]{20}");
        assertThat(Instant.parse(r.json().get("createTime").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(r.json().get("emailVerified").asBoolean()).isFalse();
        assertThat(r.json().get("verificationMail").asText()).isEqualTo("SENT");
        assertThat(r.json().get("disabled").asBoolean()).isFalse();
        assertThat(r.json().size()).as("no password or hash in the answer").isEqualTo(6);
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");

        Browser b = browser();
        assertThat(b.signIn(email, PASSWORD).status()).isEqualTo(303);
        assertThat(b.get("/account").body()).contains(email);
    }

    @Test
    void disabledPersonCannotSignInAndLosesTheirSessionUntilEnabled() {
        String email = uniqueEmail();
        assertThat(http.postJson("/admin/v1/users", adminToken, Map.of("email", email, "password", PASSWORD, "emailVerified", true)).status())
                .isEqualTo(200);
        Browser signedIn = browser();
        assertThat(signedIn.signIn(email, PASSWORD).status()).isEqualTo(303);

        Http.Response disabled = http.postJson("/admin/v1/users/" + email + ":disable", adminToken, "");
        assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);
        assertThat(disabled.json().get("disabled").asBoolean()).isTrue();
        assertThat(signedIn.get("/account").status()).as("the session ended").isEqualTo(302);
        Answer refused = browser().signIn(email, PASSWORD);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("This account is disabled.");
        assertThat(http.getWithToken("/admin/v1/users", adminToken).json().get("users").findValues("email").stream()
                .map(e -> e.asText()).toList()).contains(email, "admin@localhost");

        assertThat(http.postJson("/admin/v1/users/" + email + ":enable", adminToken, "").json().get("disabled").asBoolean()).isFalse();
        assertThat(browser().signIn(email, PASSWORD).status()).isEqualTo(303);
        assertGoogleError(http.postJson("/admin/v1/users/nobody-" + email + ":disable", adminToken, ""), 404, "NOT_FOUND", "NOT_FOUND");
    }

    @Test
    void duplicateEmailIs409() {
        String email = uniqueEmail();
        assertThat(http.postJson("/admin/v1/users", adminToken, Map.of("email", email, "password", PASSWORD)).status()).isEqualTo(200);
        assertGoogleError(http.postJson("/admin/v1/users", adminToken, Map.of("email", email, "password", PASSWORD)),
                409, "ALREADY_EXISTS", "ALREADY_EXISTS");
    }

    @Test
    void invalidEmailOrPasswordIs400() {
        for (Object body : new Object[] {Map.of("email", "not-an-email", "password", PASSWORD), Map.of("email", uniqueEmail(), "password", "short"),
                Map.of("email", uniqueEmail()), Map.of("password", PASSWORD), "{}", "{\"email\":1,\"password\":2}",
                Map.of("email", uniqueEmail(), "password", PASSWORD, "role", "admin"), "[", "{\"email\":\"a@b.c\",\"email\":\"d@e.f\"}",
                Map.of("email", uniqueEmail(), "password", "pass\u0000word")}) {
            Http.Response r = http.postJson("/admin/v1/users", adminToken, body);
            assertThat(r.status()).as(body + " → " + r).isEqualTo(400);
            assertThat(r.json().path("error").path("status").asText()).isEqualTo("INVALID_ARGUMENT");
        }
    }

    @Test
    void withoutCredentialsIs401() {
        Http.Response r = http.postJson("/admin/v1/users", null, Map.of("email", uniqueEmail(), "password", PASSWORD));
        assertThat(r.status()).isEqualTo(401);
    }

    @Test
    void projectOwnerWhoIsNotPlatformAdministratorIs403() throws Exception {
        String project = createProject(adminToken);
        var owner = createServiceAccount(adminToken, project, "owner-bot");
        http.postJson("/admin/v1/projects/" + project + "/members", adminToken,
                Map.of("member", "serviceAccount:" + owner.email(), "role", "owner"));
        String token = owner.accessToken(http, "admin");
        String email = uniqueEmail();
        Http.Response r = http.postJson("/admin/v1/users", token, Map.of("email", email, "password", PASSWORD));
        assertGoogleError(r, 403, "PERMISSION_DENIED", "IAM_PERMISSION_DENIED");
        assertThat(browser().signIn(email, PASSWORD).status()).isEqualTo(403);
    }
}
