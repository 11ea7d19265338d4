package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 7, item 3: once a person's grant to an app is removed (on the permissions page, by
 * {@code /revoke}, or with the client), nothing issued before the removal brings it back: not a
 * code, not a device approval, not a refresh token. Consenting again starts afresh.
 */
class GrantsStayRemovedTest extends EndToEnd {
    private static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    private static final String REDIRECT = "https://stay.example.com/callback";
    private static final String LOOPBACK = "http://127.0.0.1/callback";

    private String project;
    private OAuthClients.Registered web;
    private OAuthClients.Registered installed;

    /** The ways a grant ends. */
    enum Removal { PERMISSIONS_PAGE, REVOKE_REFRESH_TOKEN, REVOKE_ACCESS_TOKEN, REVOKE_REFRESH_TOKEN_AS_THE_CLIENT }

    @BeforeAll
    void clients() {
        project = createProject(adminToken);
        enable(adminToken, project, "calendar");
        http.patchJson("/admin/v1/projects/" + project + "/consentScreen", adminToken, Map.of("applicationName", "Stay Removed"));
        web = OAuthClients.register(http, adminToken, project, "web", List.of(REDIRECT));
        installed = OAuthClients.register(http, adminToken, project, "installed", List.of(LOOPBACK));
    }

    private record Person(String email, Browser browser) {}

    private Person person() {
        String email = "g-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Http.Response r = http.postJson("/admin/v1/users", adminToken, Map.of("email", email, "password", OAuthFlowTest.PASSWORD));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        Browser browser = new Browser(server.baseUrl());
        Http.Response page = browser.get("/account/permissions");
        assertThat(browser.follow(browser.signIn(page, email, OAuthFlowTest.PASSWORD)).status()).isEqualTo(200);
        return new Person(email, browser);
    }

    /** A code the person's browser brings back; consents when asked. */
    private String code(Person p, OAuthClients.Registered client, String redirect, String verifier) {
        Http.Response r = p.browser().get(OAuthClients.authUrl(client, redirect, "calendar", "st", verifier, Map.of("access_type", "offline")));
        if (r.status() == 200) {
            assertThat(r.body()).contains("Stay Removed");
            r = p.browser().submit(r, 0, Map.of("decision", "allow"));
        }
        assertThat(r.status()).as(r.toString()).isIn(302, 303);
        String code = OAuthClients.query(r.header("Location")).get("code");
        assertThat(code).as(r.header("Location")).isNotBlank();
        return code;
    }

    private String webCode(Person p) {
        return code(p, web, REDIRECT, null);
    }

    private Http.Response redeemWeb(String code) {
        return OAuthClients.redeem(http, web, code, REDIRECT, null, true);
    }

    private JsonNode tokens(Http.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private static void assertInvalidGrant(Http.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).isEqualTo("invalid_grant");
        assertThat(r.json().has("access_token")).isFalse();
    }

    private void remove(Removal how, Person p, OAuthClients.Registered client, JsonNode tokens) {
        switch (how) {
            case PERMISSIONS_PAGE -> {
                Http.Response page = p.browser().get("/account/permissions");
                assertThat(page.body()).contains("Stay Removed");
                p.browser().follow(p.browser().submit(page, 0, Map.of("client_id", client.clientId())));
            }
            case REVOKE_REFRESH_TOKEN -> assertThat(http.postForm("/revoke", Map.of("token", tokens.get("refresh_token").asText())).status()).isEqualTo(200);
            case REVOKE_ACCESS_TOKEN -> assertThat(http.postForm("/revoke", Map.of("token", tokens.get("access_token").asText())).status()).isEqualTo(200);
            case REVOKE_REFRESH_TOKEN_AS_THE_CLIENT -> {
                var form = new LinkedHashMap<String, String>();
                form.put("token", tokens.get("refresh_token").asText());
                form.put("client_id", client.clientId());
                if (client.type().equals("web")) {
                    form.put("client_secret", client.secret());
                }
                assertThat(http.postForm("/revoke", form).status()).isEqualTo(200);
            }
        }
        assertThat(p.browser().get("/account/permissions").body()).as(how.name()).doesNotContain(client.clientId());
    }

    @ParameterizedTest
    @EnumSource(Removal.class)
    void codeIssuedBeforeTheRemovalIsRefusedAndDoesNotBringTheAppBack(Removal how) {
        Person p = person();
        JsonNode first = tokens(redeemWeb(webCode(p)));
        String issuedBefore = webCode(p);
        remove(how, p, web, first);

        assertInvalidGrant(redeemWeb(issuedBefore));
        assertInvalidGrant(OAuthClients.refresh(http, web, first.get("refresh_token").asText(), null));
        assertThat(http.getWithToken("/calendar/v3/calendars/primary/events", first.get("access_token").asText()).status()).isEqualTo(401);
        assertThat(p.browser().get("/account/permissions").body()).doesNotContain(web.clientId());
    }

    @ParameterizedTest
    @EnumSource(Removal.class)
    void installedAppsCodeWithPkceIssuedBeforeTheRemovalIsRefused(Removal how) {
        Person p = person();
        String v1 = OAuthClients.verifier();
        JsonNode first = tokens(OAuthClients.redeem(http, installed, code(p, installed, LOOPBACK, v1), LOOPBACK, v1, false));
        String v2 = OAuthClients.verifier();
        String issuedBefore = code(p, installed, LOOPBACK, v2);
        remove(how, p, installed, first);

        assertInvalidGrant(OAuthClients.redeem(http, installed, issuedBefore, LOOPBACK, v2, false));
        assertInvalidGrant(OAuthClients.refresh(http, installed, first.get("refresh_token").asText(), null));
        assertThat(p.browser().get("/account/permissions").body()).doesNotContain(installed.clientId());
    }

    @ParameterizedTest
    @EnumSource(Removal.class)
    void deviceApprovedBeforeTheRemovalGetsNoTokens(Removal how) {
        Person p = person();
        JsonNode first = tokens(poll(approvedDevice(p)));
        String approvedBefore = approvedDevice(p);
        remove(how, p, installed, first);

        assertInvalidGrant(poll(approvedBefore));
        assertInvalidGrant(poll(approvedBefore));
        assertInvalidGrant(OAuthClients.refresh(http, installed, first.get("refresh_token").asText(), null));
        assertThat(p.browser().get("/account/permissions").body()).doesNotContain(installed.clientId());
    }

    @Test
    void consentingAgainAfterTheRemovalGivesCodesThatWorkWhileOldOnesStayRefused() {
        Person p = person();
        String old = webCode(p);
        String oldDevice = approvedDevice(p);
        remove(Removal.PERMISSIONS_PAGE, p, web, null);

        String fresh = webCode(p);
        JsonNode t = tokens(redeemWeb(fresh));
        assertThat(http.getWithToken("/calendar/v3/calendars/primary/events", t.get("access_token").asText()).status()).isEqualTo(200);
        assertThat(tokens(OAuthClients.refresh(http, web, t.get("refresh_token").asText(), null)).get("access_token").asText()).startsWith("tga_");
        assertInvalidGrant(redeemWeb(old));
        // The device was approved for the installed app: its grant was removed in the same way.
        remove(Removal.PERMISSIONS_PAGE, p, installed, null);
        assertInvalidGrant(poll(oldDevice));
        String freshDevice = approvedDevice(p);
        assertThat(tokens(poll(freshDevice)).get("access_token").asText()).startsWith("tga_");
    }

    @Test
    void removingTwiceThenConsentingAgainStillRefusesCodesOfEveryEarlierGeneration() {
        Person p = person();
        String first = webCode(p);
        remove(Removal.PERMISSIONS_PAGE, p, web, null);
        String second = webCode(p);
        remove(Removal.PERMISSIONS_PAGE, p, web, null);
        String third = webCode(p);
        assertInvalidGrant(redeemWeb(first));
        assertInvalidGrant(redeemWeb(second));
        tokens(redeemWeb(third));
    }

    @Test
    void refreshTokenOfAnotherPersonIsUntouchedByOnesRemoval() {
        Person a = person();
        Person b = person();
        JsonNode ta = tokens(redeemWeb(webCode(a)));
        JsonNode tb = tokens(redeemWeb(webCode(b)));
        String bCode = webCode(b);
        remove(Removal.PERMISSIONS_PAGE, a, web, ta);
        assertThat(tokens(OAuthClients.refresh(http, web, tb.get("refresh_token").asText(), null)).get("access_token").asText()).startsWith("tga_");
        tokens(redeemWeb(bCode));
    }

    @Test
    void deletingTheClientEndsItsCodesDeviceApprovalsAndRefreshTokens() {
        var doomed = OAuthClients.register(http, adminToken, project, "installed", List.of(LOOPBACK));
        Person p = person();
        String v1 = OAuthClients.verifier();
        JsonNode t = tokens(OAuthClients.redeem(http, doomed, code(p, doomed, LOOPBACK, v1), LOOPBACK, v1, false));
        String v2 = OAuthClients.verifier();
        String code = code(p, doomed, LOOPBACK, v2);
        String device = approvedDevice(p, doomed);
        assertThat(http.delete("/admin/v1/projects/" + project + "/oauthClients/" + doomed.clientId(), adminToken).status()).isEqualTo(200);

        for (Http.Response r : List.of(OAuthClients.redeem(http, doomed, code, LOOPBACK, v2, false),
                pollAs(doomed, device), OAuthClients.refresh(http, doomed, t.get("refresh_token").asText(), null))) {
            assertThat(r.status()).as(r.toString()).isIn(400, 401);
            assertThat(r.json().get("error").asText()).isIn("invalid_client", "invalid_grant");
            assertThat(r.json().has("access_token")).isFalse();
        }
        assertThat(http.getWithToken("/calendar/v3/calendars/primary/events", t.get("access_token").asText()).status()).isEqualTo(401);
        assertThat(p.browser().get("/account/permissions").body()).doesNotContain(doomed.clientId());
    }

    private String approvedDevice(Person p) {
        return approvedDevice(p, installed);
    }

    /** A device code the person has approved on /device, not yet polled. */
    private String approvedDevice(Person p, OAuthClients.Registered client) {
        Http.Response start = http.postForm("/device/code", Map.of("client_id", client.clientId(), "scope", "calendar"));
        assertThat(start.status()).as(start.toString()).isEqualTo(200);
        Http.Response page = p.browser().get("/device");
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        Http.Response consent = p.browser().submit(page, 0, Map.of("user_code", start.json().get("user_code").asText()));
        assertThat(consent.status()).as(consent.toString()).isEqualTo(200);
        Http.Response done = p.browser().submit(consent, 0, Map.of("decision", "allow"));
        assertThat(done.body()).contains("You can return to your device");
        return start.json().get("device_code").asText();
    }

    private Http.Response poll(String deviceCode) {
        return pollAs(installed, deviceCode);
    }

    private Http.Response pollAs(OAuthClients.Registered client, String deviceCode) {
        return http.postForm("/token", Map.of("grant_type", DEVICE_GRANT, "device_code", deviceCode, "client_id", client.clientId()));
    }
}
