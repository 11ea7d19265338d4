package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Installed applications as Google has them (RFC 8252 §7.3): any loopback redirect on any port and
 * path without registering it, exactly one spelling of each loopback host, PKCE still required, and
 * the token request must name the very redirect URI of the authorization request.
 */
class InstalledAppLoopbackTest extends EndToEnd {
    static final String PASSWORD = "correct horse battery";

    String project;
    OAuthClients.Registered desktop;
    OAuthClients.Registered mobile;
    OAuthClients.Registered web;
    String email;
    Browser browser;

    @BeforeAll
    void clients() {
        project = createProject(adminToken);
        enable(adminToken, project, "calendar");
        http.patchJson("/admin/v1/projects/" + project + "/consentScreen", adminToken, Map.of("applicationName", "Desktop Pal"));
        desktop = OAuthClients.register(http, adminToken, project, "installed", List.of());
        mobile = OAuthClients.register(http, adminToken, project, "installed", List.of("com.example.pal:/oauth2redirect", "https://localhost:8443/cb"));
        web = OAuthClients.register(http, adminToken, project, "web", List.of("https://site.example.com/cb"));
        email = "d-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Http.Response r = http.postJson("/admin/v1/users", adminToken, Map.of("email", email, "password", PASSWORD, "emailVerified", true));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        browser = new Browser(server.baseUrl());
        Http.Response toSignIn = browser.get(OAuthClients.authUrl(desktop, "http://127.0.0.1:1/", "calendar", "s", OAuthClients.verifier(), Map.of()));
        browser.signIn(toSignIn, email, PASSWORD);
    }

    /** The signed-in person allows the request (unless allowed before); returns where the browser is sent. */
    String allow(String url) {
        Http.Response r = browser.follow(browser.get(url));
        if (r.status() == 200) {
            assertThat(r.body()).contains("Desktop Pal");
            r = browser.submit(r, 0, Map.of("decision", "allow"));
        }
        assertThat(r.status()).as(r.toString()).isIn(302, 303);
        return r.header("Location");
    }

    @Test
    void googlesClientSecretFileForAnInstalledClientCarriesTheLoopbackRedirect() {
        String issuer = adminKey.tokenUri().replace("/token", "");
        JsonNode file = desktop.created().get("clientSecretJson");
        assertThat(file.has("web")).isFalse();
        JsonNode installed = file.get("installed");
        assertThat(installed.get("client_id").asText()).isEqualTo(desktop.clientId());
        assertThat(installed.get("client_secret").asText()).isEqualTo(desktop.secret());
        assertThat(installed.get("redirect_uris")).extracting(JsonNode::asText).containsExactly("http://localhost");
        assertThat(installed.get("auth_uri").asText()).isEqualTo(issuer + "/o/oauth2/v2/auth");
        assertThat(installed.get("token_uri").asText()).isEqualTo(issuer + "/token");
        assertThat(installed.get("auth_provider_x509_cert_url").asText()).isEqualTo(issuer + "/oauth2/v1/certs");
        assertThat(mobile.created().get("clientSecretJson").get("installed").get("redirect_uris")).extracting(JsonNode::asText)
                .containsExactly("http://localhost", "com.example.pal:/oauth2redirect", "https://localhost:8443/cb");
    }

    /** A code for {@code redirect}, with the verifier it needs. */
    String[] code(OAuthClients.Registered client, String redirect) {
        String verifier = OAuthClients.verifier();
        String location = allow(OAuthClients.authUrl(client, redirect, "calendar", "st", verifier, Map.of()));
        assertThat(location).as(redirect).startsWith(redirect + (redirect.contains("?") ? "&" : "?"));
        return new String[] {OAuthClients.query(location).get("code"), verifier};
    }

    @Test
    void anyLoopbackRedirectOnAnyPortAndPathYieldsACodeRedeemableOnlyWithThatExactRedirect() {
        List<String> redirects = List.of("http://localhost:53682/Callback", "http://127.0.0.1:40123/", "http://[::1]:8080/oauth2callback",
                "http://localhost", "http://127.0.0.1:9/a/b?x=1");
        for (int i = 0; i < redirects.size(); i++) {
            String redirect = redirects.get(i);
            String[] good = code(desktop, redirect);
            Http.Response tokens = OAuthClients.redeem(http, desktop, good[0], redirect, good[1], false);
            assertThat(tokens.status()).as(redirect + ": " + tokens).isEqualTo(200);
            assertThat(tokens.json().get("refresh_token").asText()).as("installed apps get a refresh token, as Google's").startsWith("tgr_");
            assertThat(http.getWithToken("/calendar/v3/calendars/primary/events", tokens.json().get("access_token").asText()).status()).isEqualTo(200);

            String other = List.of(redirect + "/", "http://localhost:53683/Callback", "http://localhost:40123/", redirect + "x",
                    "http://127.0.0.1:9/a/b?x=2").get(i);
            String[] stolen = code(desktop, redirect);
            Http.Response refused = OAuthClients.redeem(http, desktop, stolen[0], other, stolen[1], false);
            assertThat(refused.status()).as(redirect + " redeemed with " + other).isEqualTo(400);
            assertThat(refused.json().get("error").asText()).isEqualTo("invalid_grant");
        }
    }

    @Test
    void accessTypeOnlineStillMeansNoRefreshToken() {
        String verifier = OAuthClients.verifier();
        String location = allow(OAuthClients.authUrl(desktop, "http://127.0.0.1:5000/", "calendar", "st", verifier, Map.of("access_type", "online")));
        Http.Response tokens = OAuthClients.redeem(http, desktop, OAuthClients.query(location).get("code"), "http://127.0.0.1:5000/", verifier, false);
        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
        assertThat(tokens.json().has("refresh_token")).isFalse();
    }

    @Test
    void otherSpellingsOfLoopbackAndOtherHostsAreShownAnErrorAndNeverRedirected() {
        for (String redirect : List.of("https://localhost/", "https://127.0.0.1:8443/cb", "http://LOCALHOST/", "http://localhost./",
                "http://localhost.evil.com/", "http://127.0.0.1.evil.com/", "http://localhost@evil.com/", "http://localhost:80@evil.com/",
                "http://user@localhost/", "http://127.1/", "http://0x7f.0.0.1/", "http://0x7f000001/", "http://2130706433/",
                "http://0177.0.0.1/", "http://127.0.0.2/", "http://0.0.0.0/", "http://[0:0:0:0:0:0:0:1]/", "http://[::ffff:127.0.0.1]/",
                "http://%6cocalhost/", "http://127.0.0.%31/", "http://localhost/#x", "http://localhost:0/", "http://localhost:65536/",
                "http://localhost/../x", "http://evil.com/http://localhost/", "http:localhost/", "//localhost/", "ftp://localhost/",
                "com.example.pal:/oauth2redirect2", "https://localhost:8444/cb")) {
            Http.Response r = browser.get(OAuthClients.authUrl(desktop, redirect, "calendar", "st", OAuthClients.verifier(), Map.of()));
            assertThat(r.status()).as(redirect).isEqualTo(400);
            assertThat(r.header("Location")).as(redirect).isNull();
            assertThat(r.body()).as(redirect).contains("redirect_uri_mismatch");
            Http.Response m = browser.get(OAuthClients.authUrl(mobile, redirect, "calendar", "st", OAuthClients.verifier(), Map.of()));
            assertThat(m.status()).as("mobile " + redirect).isEqualTo(400);
        }
    }

    @Test
    void registeredPrivateUseAndHttpsLoopbackRedirectsMatchExactly() {
        for (String redirect : List.of("com.example.pal:/oauth2redirect", "https://localhost:8443/cb")) {
            String verifier = OAuthClients.verifier();
            String location = allow(OAuthClients.authUrl(mobile, redirect, "calendar", "st", verifier, Map.of()));
            assertThat(location).startsWith(redirect + "?");
            assertThat(OAuthClients.redeem(http, mobile, OAuthClients.query(location).get("code"), redirect, verifier, false).status()).isEqualTo(200);
        }
    }

    @Test
    void loopbackWithoutPkceIsRefusedAndWebClientsGetNoLoopbackLeeway() {
        Http.Response noPkce = browser.get(OAuthClients.authUrl(desktop, "http://127.0.0.1:5000/", "calendar", "st", null, Map.of()));
        assertThat(noPkce.status()).as(noPkce.toString()).isEqualTo(400);
        assertThat(noPkce.header("Location")).isNull();
        for (String redirect : List.of("http://localhost/", "http://127.0.0.1:5000/", "http://[::1]/cb")) {
            Http.Response r = browser.get(OAuthClients.authUrl(web, redirect, "calendar", "st", OAuthClients.verifier(), Map.of()));
            assertThat(r.status()).as(redirect).isEqualTo(400);
            assertThat(r.body()).contains("redirect_uri_mismatch");
        }
    }
}
