package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RFC 9700, OAuth 2.0 Security Best Current Practice: one test per requirement that applies to an
 * authorization server, named after its section. (Sender-constrained tokens, §2.2.1, are not
 * offered yet; public clients' refresh tokens rotate instead, which §2.2.2 allows.)
 */
class Rfc9700Test extends EndToEnd {
    private static final String REDIRECT = "https://client.example.org/cb";
    private String project;
    private OAuthClients.Registered web;
    private OAuthClients.Registered installed;

    @BeforeAll
    void clients() {
        project = createProject(adminToken);
        enable(adminToken, project, "calendar");
        http.patchJson("/admin/v1/projects/" + project + "/consentScreen", adminToken, Map.of("applicationName", "Calendar Pal"));
        web = OAuthClients.register(http, adminToken, project, "web", List.of(REDIRECT));
        installed = OAuthClients.register(http, adminToken, project, "installed", List.of("http://127.0.0.1/cb"));
    }

    private String person() {
        String email = "bcp-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        assertThat(http.postJson("/admin/v1/users", adminToken, Map.of("email", email, "password", OAuthFlowTest.PASSWORD)).status()).isEqualTo(200);
        return email;
    }

    /** Signs a new person in and returns the consent page for {@code url}. */
    private Http.Response consentPage(Browser browser, String url) {
        Http.Response r = browser.get(url);
        r = browser.follow(browser.signIn(r, person(), OAuthFlowTest.PASSWORD));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r;
    }

    private String allow(Browser browser, String url) {
        return browser.submit(consentPage(browser, url), 0, Map.of("decision", "allow")).header("Location");
    }

    @Test
    void section2_1_redirectUrisAreComparedByExactStringMatching() {
        Browser browser = new Browser(server.baseUrl());
        for (String variant : List.of(REDIRECT + "/", REDIRECT.toUpperCase(), REDIRECT + "?a=b", REDIRECT + "#f", "https://client.example.org:443/cb",
                "https://client.example.org/CB", "https://client.example.org/cb/..", "https://client.example.org/%63b")) {
            Http.Response r = browser.get(OAuthClients.authUrl(web, variant, "calendar", "s", null, Map.of()));
            assertThat(r.status()).as(variant).isEqualTo(400);
            assertThat(r.header("Location")).as(variant).isNull();
        }
    }

    @Test
    void section4_1_wildcardRedirectUrisCannotBeRegistered() {
        Http.Response r = http.postJson("/admin/v1/projects/" + project + "/oauthClients", adminToken,
                Map.of("type", "web", "redirectUris", List.of("https://*.example.org/cb")));
        assertThat(r.status()).isEqualTo(400);
    }

    @Test
    void section4_11_authorizationServerIsNoOpenRedirector() {
        // An unknown client with a redirect URI must not send the browser anywhere.
        Http.Response r = new Browser(server.baseUrl()).get("/o/oauth2/v2/auth?client_id=unknown&redirect_uri=https://evil.example/&response_type=code&scope=calendar");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Location")).isNull();
    }

    @Test
    void section2_1_1_pkceIsSupportedAndOnlyS256() {
        JsonNode metadata = http.get("/.well-known/oauth-authorization-server").json();
        assertThat(metadata.get("code_challenge_methods_supported")).extracting(JsonNode::asText).containsExactly("S256");
        // §4.11.2: a malformed request is shown, not sent on to the client.
        Http.Response r = new Browser(server.baseUrl()).get(OAuthClients.authUrl(web, REDIRECT, "calendar", "s", null,
                Map.of("code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "code_challenge_method", "plain")));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Location")).isNull();
        assertThat(r.body()).contains("invalid_request");
    }

    @Test
    void section2_1_1_codeVerifierWithoutChallengeIsRejected() {
        Browser browser = new Browser(server.baseUrl());
        String code = OAuthClients.query(allow(browser, OAuthClients.authUrl(web, REDIRECT, "calendar", "s", null, Map.of()))).get("code");
        Http.Response r = OAuthClients.redeem(http, web, code, REDIRECT, OAuthClients.verifier(), true);
        assertThat(r.json().get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void section2_1_1_codeIssuedWithChallengeNeedsTheVerifier() {
        Browser browser = new Browser(server.baseUrl());
        String verifier = OAuthClients.verifier();
        String code = OAuthClients.query(allow(browser, OAuthClients.authUrl(web, REDIRECT, "calendar", "s", verifier, Map.of()))).get("code");
        assertThat(OAuthClients.redeem(http, web, code, REDIRECT, null, true).json().get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void section2_1_2_implicitGrantIsNotOffered() {
        Http.Response r = new Browser(server.baseUrl())
                .get(OAuthClients.authUrl(web, REDIRECT, "calendar", "s", null, Map.of("response_type", "token")));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Location")).isNull();
        assertThat(r.body()).contains("unsupported_response_type");
        assertThat(http.get("/.well-known/openid-configuration").json().get("response_types_supported"))
                .extracting(JsonNode::asText).containsExactly("code");
    }

    @Test
    void section2_2_2_publicClientRefreshTokensRotateAndReuseIsDetected() {
        Browser browser = new Browser(server.baseUrl());
        String verifier = OAuthClients.verifier();
        String location = allow(browser, OAuthClients.authUrl(installed, "http://127.0.0.1:7777/cb", "calendar", "s", verifier,
                Map.of("access_type", "offline")));
        String r1 = OAuthClients.redeem(http, installed, OAuthClients.query(location).get("code"), "http://127.0.0.1:7777/cb", verifier, false)
                .json().get("refresh_token").asText();
        String r2 = OAuthClients.refresh(http, installed, r1, null).json().get("refresh_token").asText();
        assertThat(OAuthClients.refresh(http, installed, r1, null).json().get("error").asText()).isEqualTo("invalid_grant");
        assertThat(OAuthClients.refresh(http, installed, r2, null).json().get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void section2_3_accessTokensAreRestrictedToTheirScopes() {
        Browser browser = new Browser(server.baseUrl());
        String code = OAuthClients.query(allow(browser, OAuthClients.authUrl(web, REDIRECT, "calendar.readonly", "s", null, Map.of()))).get("code");
        String token = OAuthClients.redeem(http, web, code, REDIRECT, null, true).json().get("access_token").asText();
        assertThat(http.getWithToken("/calendar/v3/calendars/primary/events", token).status()).isEqualTo(200);
        assertThat(http.postJson("/calendar/v3/calendars/primary/events", token,
                Map.of("summary", "x", "start", "2026-01-01T00:00:00Z", "end", "2026-01-01T01:00:00Z")).status()).isEqualTo(403);
    }

    @Test
    void section2_4_resourceOwnerPasswordGrantIsRefused() {
        Http.Response r = http.postForm("/token", Map.of("grant_type", "password", "username", "admin@localhost", "password", "x"),
                "Authorization", web.basic());
        assertThat(r.json().get("error").asText()).isEqualTo("unsupported_grant_type");
    }

    @Test
    void section2_5_confidentialClientsMustAuthenticate() {
        Http.Response r = http.postForm("/token", Map.of("grant_type", "authorization_code", "code", "tgc_x", "redirect_uri", REDIRECT,
                "client_id", web.clientId()));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void section4_4_issuerIsIdentifiedInEveryAuthorizationResponse() {
        Browser browser = new Browser(server.baseUrl());
        String issuer = http.get("/.well-known/openid-configuration").json().get("issuer").asText();
        assertThat(OAuthClients.query(allow(browser, OAuthClients.authUrl(web, REDIRECT, "calendar", "s", null, Map.of()))).get("iss")).isEqualTo(issuer);
        // An error that goes back to the client (only those a person's part brings) names the issuer too.
        assertThat(OAuthClients.query(new Browser(server.baseUrl()).get(OAuthClients.authUrl(web, REDIRECT, "calendar", "s", null,
                Map.of("prompt", "none"))).header("Location")).get("iss")).isEqualTo(issuer);
    }

    @Test
    void section4_5_codesAreBoundToTheClient() {
        Browser browser = new Browser(server.baseUrl());
        String code = OAuthClients.query(allow(browser, OAuthClients.authUrl(web, REDIRECT, "calendar", "s", null, Map.of()))).get("code");
        var other = OAuthClients.register(http, adminToken, project, "web", List.of(REDIRECT));
        assertThat(OAuthClients.redeem(http, other, code, REDIRECT, null, true).json().get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void section4_5_replayedCodeIsRefusedAndItsTokensRevoked() {
        Browser browser = new Browser(server.baseUrl());
        String code = OAuthClients.query(allow(browser, OAuthClients.authUrl(web, REDIRECT, "calendar", "s", null, Map.of()))).get("code");
        String token = OAuthClients.redeem(http, web, code, REDIRECT, null, true).json().get("access_token").asText();
        assertThat(OAuthClients.redeem(http, web, code, REDIRECT, null, true).json().get("error").asText()).isEqualTo("invalid_grant");
        assertThat(http.getWithToken("/calendar/v3/calendars/primary/events", token).status()).isEqualTo(401);
    }

    @Test
    void section4_7_consentFormIsProtectedAgainstCsrf() {
        Browser browser = new Browser(server.baseUrl());
        String url = OAuthClients.authUrl(web, REDIRECT, "calendar", "s", null, Map.of());
        consentPage(browser, url);
        Http.Response forged = browser.post(url, Map.of("decision", "allow"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.header("Location")).isNull();
        Http.Response wrongToken = browser.post(url, Map.of("decision", "allow", "csrf_token", "forged"));
        assertThat(wrongToken.status()).isEqualTo(403);
    }

    @Test
    void section4_12_consentRedirectUses303NotA307() {
        Browser browser = new Browser(server.baseUrl());
        Http.Response r = browser.submit(consentPage(browser, OAuthClients.authUrl(web, REDIRECT, "calendar", "s", null, Map.of())), 0,
                Map.of("decision", "allow"));
        assertThat(r.status()).isEqualTo(303);
    }

    @Test
    void section4_16_authorizationPagesCannotBeFramed() {
        Browser browser = new Browser(server.baseUrl());
        Http.Response consent = consentPage(browser, OAuthClients.authUrl(web, REDIRECT, "calendar", "s", null, Map.of()));
        for (Http.Response page : List.of(consent, browser.get("/signin"), browser.get("/o/oauth2/v2/auth?client_id=x&redirect_uri=y"))) {
            assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(page.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
        }
    }

    @Test
    void section4_2_4_authorizationPagesSendNoReferrer() {
        Browser browser = new Browser(server.baseUrl());
        Http.Response consent = consentPage(browser, OAuthClients.authUrl(web, REDIRECT, "calendar", "s", null, Map.of()));
        assertThat(consent.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(consent.body()).doesNotContain("http://", "https://cdn");
    }

    @Test
    void section4_14_refreshTokensAreBoundToTheirClient() {
        Browser browser = new Browser(server.baseUrl());
        String code = OAuthClients.query(allow(browser, OAuthClients.authUrl(web, REDIRECT, "calendar", "s", null,
                Map.of("access_type", "offline")))).get("code");
        String refresh = OAuthClients.redeem(http, web, code, REDIRECT, null, true).json().get("refresh_token").asText();
        var other = OAuthClients.register(http, adminToken, project, "web", List.of(REDIRECT));
        assertThat(OAuthClients.refresh(http, other, refresh, null).json().get("error").asText()).isEqualTo("invalid_grant");
        assertThat(OAuthClients.refresh(http, web, refresh, null).status()).isEqualTo(200);
    }
}
