package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --signup closed}: only the administrator creates accounts. */
class PeopleSignUpClosedTest extends PeopleEndToEndTest {

    @Override
    protected String[] extraServeArgs() {
        return new String[] {"--signup", "closed"};
    }

    @Test
    void signUpPageSaysItIsClosedAndOffersNoForm() {
        Answer page = browser().get("/signup");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Sign-up is closed on this server").doesNotContain("name=\"password\"");
        assertThat(browser().get("/signin").body()).doesNotContain("href=\"/signup");
    }

    @Test
    void signUpPostIsRefusedAndCreatesNoOne() {
        Browser b = browser();
        String token = b.get("/signin").csrfToken();
        String email = uniqueEmail();
        Answer a = b.postForm("/signup", Map.of("csrf_token", token, "email", email, "password", PASSWORD));
        assertThat(a.status()).isEqualTo(403);
        assertThat(a.body()).contains("Sign-up is closed");
        assertThat(b.cookie("tollgate_session")).isEmpty();
        assertThat(browser().signIn(email, PASSWORD).status()).isEqualTo(403);
    }

    @Test
    void administratorStillCreatesPeople() {
        String email = uniqueEmail();
        assertThat(http.postJson("/admin/v1/users", adminToken, Map.of("email", email, "password", PASSWORD)).status()).isEqualTo(200);
        assertThat(browser().signIn(email, PASSWORD).status()).isEqualTo(303);
    }

    @Test
    void environmentVariableClosesSignUpToo() throws Exception {
        var data = Files.createTempDirectory("tollgate-it-");
        try (var node = TollgateProcess.startWith(List.of("--port", "0", "--host", "127.0.0.1", "--data", data.toString()),
                Map.of("TOLLGATE_SIGNUP", "closed"))) {
            Answer page = new Browser(node.baseUrl()).get("/signup");
            assertThat(page.body()).contains("Sign-up is closed");
        }
    }

    @Test
    void unknownSignUpModeIsRefusedAtStart() throws Exception {
        var data = Files.createTempDirectory("tollgate-it-");
        var exited = TollgateProcess.runToExit(List.of("--port", "0", "--data", data.toString(), "--signup", "sometimes"));
        assertThat(exited.code()).isNotZero();
        assertThat(exited.output()).contains("open").contains("closed");
    }
}
