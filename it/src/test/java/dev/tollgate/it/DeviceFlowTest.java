package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RFC 8628: a device asks, a person decides on /device, the device polls. */
class DeviceFlowTest extends EndToEnd {
    private static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    private String project;
    private OAuthClients.Registered tv;
    private OAuthClients.Registered web;

    @BeforeAll
    void installedClient() {
        project = createProject(adminToken);
        enable(adminToken, project, "calendar");
        tv = OAuthClients.register(http, adminToken, project, "installed", List.of("http://127.0.0.1/cb"));
        web = OAuthClients.register(http, adminToken, project, "web", List.of("https://web.example.com/cb"));
    }

    private String person() {
        String email = "d-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        assertThat(http.postJson("/admin/v1/users", adminToken, Map.of("email", email, "password", OAuthFlowTest.PASSWORD)).status()).isEqualTo(200);
        return email;
    }

    private JsonNode start() {
        Http.Response r = http.postForm("/device/code", Map.of("client_id", tv.clientId(), "scope", "calendar.readonly"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private Http.Response poll(String deviceCode) {
        return http.postForm("/token", Map.of("grant_type", DEVICE_GRANT, "device_code", deviceCode, "client_id", tv.clientId()));
    }

    private Http.Response enterCode(Browser browser, String email, String userCode) {
        Http.Response page = browser.get("/device");
        page = browser.follow(browser.signIn(page, email, OAuthFlowTest.PASSWORD));
        assertThat(page.status()).isEqualTo(200);
        return browser.submit(page, 0, Map.of("user_code", userCode));
    }

    @Test
    void personAllowsOnTheDevicePageThenTheDeviceGetsTokens() {
        JsonNode codes = start();
        assertThat(codes.get("user_code").asText()).matches("[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}");
        assertThat(codes.get("verification_url").asText()).endsWith("/device");
        assertThat(codes.get("verification_uri").asText()).endsWith("/device");
        assertThat(codes.get("interval").asInt()).isEqualTo(5);
        String deviceCode = codes.get("device_code").asText();

        assertThat(poll(deviceCode).json().get("error").asText()).isEqualTo("authorization_pending");
        assertThat(poll(deviceCode).json().get("error").asText()).isEqualTo("slow_down");

        Browser browser = new Browser(server.baseUrl());
        Http.Response consent = enterCode(browser, person(), codes.get("user_code").asText().toLowerCase().replace("-", ""));
        assertThat(consent.status()).isEqualTo(200);
        assertThat(consent.body()).contains("See and download any calendar you can access");
        Http.Response done = browser.submit(consent, 0, Map.of("decision", "allow"));
        assertThat(done.body()).contains("You can return to your device");

        Http.Response tokens = poll(deviceCode);
        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
        assertThat(tokens.json().get("refresh_token").asText()).startsWith("tgr_");
        assertThat(http.getWithToken("/calendar/v3/calendars/primary/events", tokens.json().get("access_token").asText()).status()).isEqualTo(200);
        assertThat(poll(deviceCode).json().get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void personDeniesThenAccessDenied() {
        JsonNode codes = start();
        Browser browser = new Browser(server.baseUrl());
        Http.Response consent = enterCode(browser, person(), codes.get("user_code").asText());
        browser.submit(consent, 0, Map.of("decision", "deny"));
        assertThat(poll(codes.get("device_code").asText()).json().get("error").asText()).isEqualTo("access_denied");
    }

    @Test
    void guessingUserCodesIsThrottled() {
        Browser browser = new Browser(server.baseUrl());
        String email = person();
        Http.Response page = browser.follow(browser.signIn(browser.get("/device"), email, OAuthFlowTest.PASSWORD));
        Http.Response last = null;
        for (int i = 0; i < 12; i++) {
            last = browser.submit(page, 0, Map.of("user_code", "BBBB-BBB" + "CDFGHJKLMNPQ".charAt(i)));
            assertThat(last.status()).as("wrong code %d", i + 1).isEqualTo(i < 10 ? 400 : 429);
        }
        assertThat(last.body()).contains("Too many wrong codes");
        JsonNode codes = start();
        Http.Response blocked = browser.submit(page, 0, Map.of("user_code", codes.get("user_code").asText()));
        assertThat(blocked.body()).contains("Too many wrong codes");
    }

    @Test
    void webClientsCannotStartTheDeviceFlow() {
        Http.Response r = http.postForm("/device/code", Map.of("client_id", web.clientId(), "client_secret", web.secret(), "scope", "calendar"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).isEqualTo("unauthorized_client");
    }

    @Test
    void unknownScopeThenInvalidScope() {
        Http.Response r = http.postForm("/device/code", Map.of("client_id", tv.clientId(), "scope", "calendar drive"));
        assertThat(r.json().get("error").asText()).isEqualTo("invalid_scope");
    }

    @Test
    void theBuiltInCliClientExistsAfterStartAndCanStartTheDeviceFlow() {
        Http.Response client = http.getWithToken("/admin/v1/projects/tollgate/oauthClients/tollgate-cli.apps.tollgate", adminToken);
        assertThat(client.status()).as(client.toString()).isEqualTo(200);
        assertThat(client.json().get("type").asText()).isEqualTo("installed");
        assertThat(client.json().get("displayName").asText()).isEqualTo("Tollgate CLI");

        Http.Response r = http.postForm("/device/code", Map.of("client_id", "tollgate-cli.apps.tollgate", "scope", "openid email"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("user_code").asText()).matches("[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}");
        assertThat(r.json().get("device_code").asText()).isNotBlank();
    }
}
