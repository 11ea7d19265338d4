package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.store.jdbc.TestDatabases;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Verified addresses, password reset and change of address through the real server, which sends
 * its mail over SMTP (with a login) to a GreenMail server in this process. The server runs on
 * PostgreSQL when it is reachable, so that a link's expiry can be tested by ageing its row.
 */
class MailFlowsTest extends EndToEnd {
    static final String PASSWORD = "correct horse battery";
    static final String REDIRECT = "https://app.example.com/callback";

    Mailbox mailbox;
    String dbUrl;
    String project;
    OAuthClients.Registered web;

    @Override
    protected String[] extraServeArgs() {
        mailbox = new Mailbox();
        List<String> args = new ArrayList<>(List.of("--smtp", mailbox.smtpUrl(), "--mail-from", "accounts@tollgate.example"));
        if (TestDatabases.postgresAvailable()) {
            dbUrl = TestDatabases.newPostgresDatabase();
            args.addAll(List.of("--db", dbUrl, "--db-user", TestDatabases.PG_USER));
            if (!TestDatabases.PG_PASSWORD.isEmpty()) {
                args.addAll(List.of("--db-password", TestDatabases.PG_PASSWORD));
            }
        }
        return args.toArray(String[]::new);
    }

    @BeforeAll
    void projectAndClient() {
        project = createProject(adminToken);
        http.patchJson("/admin/v1/projects/" + project + "/consentScreen", adminToken, Map.of("applicationName", "Mail Pal"));
        web = OAuthClients.register(http, adminToken, project, "web", List.of(REDIRECT));
    }

    @AfterAll
    void stopMailbox() {
        if (mailbox != null) {
            mailbox.close();
        }
    }

    static String uniqueEmail() {
        return "m" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "@example.com";
    }

    Browser browser() {
        return new Browser(server.baseUrl());
    }

    /** The public URL links are made of (the issuer), which may differ from the address the tests connect to. */
    String issuer() {
        return adminKey.tokenUri().replace("/token", "");
    }

    /** Signs in from a new browser; returns the answer's status (303 in, 403 refused). */
    int signInStatus(String email, String password) {
        Browser b = browser();
        return b.signIn(b.get("/signin"), email, password).status();
    }

    /** Signs up at /signup in a new browser, which stays signed in. */
    Browser signUp(String email) {
        Browser b = browser();
        Http.Response r = b.submit(b.get("/signup"), 0, Map.of("email", email, "password", PASSWORD));
        assertThat(r.status()).as(r.toString()).isEqualTo(303);
        assertThat(r.header("Location")).isEqualTo("/account");
        return b;
    }

    String createPerson(String email, boolean verified) {
        Http.Response r = http.postJson("/admin/v1/users", adminToken, Map.of("email", email, "password", PASSWORD, "emailVerified", verified));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("userId").asText();
    }

    /** The person allows the web client; returns what its code buys. */
    JsonNode tokensOf(String email, String password, String scope) {
        Browser b = browser();
        Http.Response r = b.get(OAuthClients.authUrl(web, REDIRECT, scope, "s", null, Map.of("access_type", "offline", "prompt", "consent")));
        assertThat(r.status()).as(r.toString()).isEqualTo(302);
        r = b.follow(b.signIn(r, email, password));
        if (r.status() == 200) {
            r = b.submit(r, 0, Map.of("decision", "allow"));
        }
        assertThat(r.header("Location")).as(r.toString()).startsWith(REDIRECT);
        Http.Response tokens = OAuthClients.redeem(http, web, OAuthClients.query(r.header("Location")).get("code"), REDIRECT, null, true);
        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
        return tokens.json();
    }

    static boolean emailVerifiedClaim(JsonNode tokens) throws Exception {
        return (Boolean) SignedJWT.parse(tokens.get("id_token").asText()).getJWTClaimsSet().getClaim("email_verified");
    }

    void grant(String member, String role) {
        Http.Response r = http.postJson("/admin/v1/projects/" + project + "/members", adminToken, Map.of("member", member, "role", role));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    @Test
    void signUpMailsALinkAndOnlyOnceItIsOpenedDoesTheRoleGrantedToTheAddressApply() throws Exception {
        String email = uniqueEmail();
        grant("user:" + email, "viewer");
        Browser b = signUp(email);
        String link = mailbox.awaitLink(email, "/verify-email");
        assertThat(link).startsWith(issuer() + "/verify-email?token=tgm_");
        var mail = mailbox.to(email).get(0);
        assertThat(mail.getFrom()[0].toString()).isEqualTo("accounts@tollgate.example");
        assertThat(mail.getSubject()).isEqualTo("Verify your email address for Tollgate");
        assertThat(b.get("/account").body()).contains("Check your mail").contains("Not verified");

        JsonNode before = tokensOf(email, PASSWORD, "openid email admin");
        String access = before.get("access_token").asText();
        assertThat(emailVerifiedClaim(before)).isFalse();
        assertThat(http.getWithToken("/v1/userinfo", access).json().get("email_verified").asBoolean()).isFalse();
        assertThat(http.getWithToken("/admin/v1/projects/" + project, access).status()).isEqualTo(403);
        assertThat(http.getWithToken("/admin/v1/projects", access).json().path("projects")).isEmpty();
        assertThat(http.postJson("/admin/v1/projects", access, Map.of("projectId", uniqueProjectId())).status())
                .as("an unverified person cannot become owner of anything").isEqualTo(403);

        Http.Response opened = browser().get(Mailbox.pathOf(link));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(200);
        assertThat(opened.body()).contains("Your email address is verified.");

        assertThat(http.getWithToken("/admin/v1/projects/" + project, access).status()).isEqualTo(200);
        assertThat(http.getWithToken("/v1/userinfo", access).json().get("email_verified").asBoolean()).isTrue();
        assertThat(emailVerifiedClaim(tokensOf(email, PASSWORD, "openid email"))).isTrue();
        assertThat(b.get("/account").body()).doesNotContain("Check your mail").contains(">Verified<");

        Http.Response again = browser().get(Mailbox.pathOf(link));
        assertThat(again.status()).as("a link works once").isEqualTo(400);
        assertThat(again.body()).contains("This link is not valid any more.");
    }

    @Test
    void someoneWhoSignsUpWithAnotherPersonsAddressHoldsNothingUntilTheOwnerTakesItBackByReset() throws Exception {
        String victim = uniqueEmail();
        grant("user:" + victim, "owner");
        Browser squatter = signUp(victim);
        String squatterAccess = tokensOf(victim, PASSWORD, "admin").get("access_token").asText();
        assertThat(http.getWithToken("/admin/v1/projects/" + project, squatterAccess).status()).isEqualTo(403);

        // The owner of the mailbox asks for a reset and opens the link: the address is theirs, the squatter is out.
        Browser owner = browser();
        owner.submit(owner.get("/forgot-password"), 0, Map.of("email", victim));
        String reset = mailbox.awaitLink(victim, "/reset-password");
        Http.Response done = owner.submit(owner.get(Mailbox.pathOf(reset)), 0, Map.of("new_password", "the owner's own password"));
        assertThat(done.status()).as(done.toString()).isEqualTo(200);

        assertThat(squatter.get("/account").status()).as("the squatter's session ended").isEqualTo(302);
        assertThat(http.getWithToken("/admin/v1/projects/" + project, squatterAccess).status()).isEqualTo(401);
        String ownerAccess = tokensOf(victim, "the owner's own password", "admin").get("access_token").asText();
        assertThat(http.getWithToken("/admin/v1/projects/" + project, ownerAccess).status()).isEqualTo(200);
    }

    @Test
    void resetEndsEverySessionAndRefreshTokenAndTheOldPassword() {
        String email = uniqueEmail();
        createPerson(email, true);
        Browser elsewhere = browser();
        assertThat(elsewhere.signIn(elsewhere.get("/signin"), email, PASSWORD).status()).isEqualTo(303);
        JsonNode tokens = tokensOf(email, PASSWORD, "openid email calendar");
        String refresh = tokens.get("refresh_token").asText();
        assertThat(OAuthClients.refresh(http, web, refresh, null).status()).isEqualTo(200);

        Browser b = browser();
        Http.Response asked = b.submit(b.get("/forgot-password"), 0, Map.of("email", email.toUpperCase()));
        assertThat(asked.status()).isEqualTo(200);
        String link = mailbox.awaitLink(email, "/reset-password");
        Http.Response form = b.get(Mailbox.pathOf(link));
        assertThat(form.status()).isEqualTo(200);
        Http.Response tooShort = b.submit(form, 0, Map.of("new_password", "short"));
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.body()).contains("at least 8 characters");
        Http.Response done = b.submit(tooShort, 0, Map.of("new_password", "a brand new password"));
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        assertThat(done.body()).contains("signed out everywhere");

        assertThat(elsewhere.get("/account").status()).as("the other session ended").isEqualTo(302);
        Http.Response refreshed = OAuthClients.refresh(http, web, refresh, null);
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(400);
        assertThat(refreshed.json().get("error").asText()).isEqualTo("invalid_grant");
        assertThat(http.getWithToken("/v1/userinfo", tokens.get("access_token").asText()).status()).isEqualTo(401);

        assertThat(signInStatus(email, PASSWORD)).as("the old password").isEqualTo(403);
        assertThat(signInStatus(email, "a brand new password")).isEqualTo(303);

        Http.Response reused = browser().get(Mailbox.pathOf(link));
        assertThat(reused.status()).as("a used link").isEqualTo(400);
        String token = link.substring(link.indexOf("token=") + 6);
        Browser attacker = browser();
        Http.Response replay = attacker.post("/reset-password", Map.of("csrf_token", Browser.csrfToken(attacker.get("/forgot-password")).orElseThrow(),
                "token", token, "new_password", "an attacker's password"));
        assertThat(replay.status()).as("a used link, posted").isEqualTo(400);
        assertThat(signInStatus(email, "an attacker's password")).isEqualTo(403);
    }

    @Test
    void tamperedForgedAndOtherPurposeResetLinksAreRefused() {
        String email = uniqueEmail();
        createPerson(email, false);
        String verifyLink = mailbox.awaitLink(email, "/verify-email");
        Browser b = browser();
        b.submit(b.get("/forgot-password"), 0, Map.of("email", email));
        String link = mailbox.awaitLink(email, "/reset-password");
        String token = link.substring(link.indexOf("token=") + 6);
        char last = token.charAt(token.length() - 1);
        List<String> refused = List.of(
                token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A'),
                token.substring(0, token.length() - 1),
                token + "0",
                token.toUpperCase(),
                "tgm_" + "0".repeat(38),
                token.replace("tgm_", "tgr_"),
                "", "%00", "../" + token, token + "&token=" + token);
        for (String variant : refused) {
            Http.Response r = browser().get("/reset-password?token=" + URLEncoder.encode(variant, StandardCharsets.UTF_8));
            assertThat(r.status()).as(variant).isEqualTo(400);
        }
        Http.Response twice = browser().get("/reset-password?token=" + token + "&token=" + token);
        assertThat(twice.status()).as("the token sent twice").isEqualTo(400);

        String verifyToken = verifyLink.substring(verifyLink.indexOf("token=") + 6);
        assertThat(browser().get("/reset-password?token=" + verifyToken).status()).as("a verification link resets nothing").isEqualTo(400);
        assertThat(browser().get("/verify-email?token=" + token).status()).as("a reset link verifies nothing").isEqualTo(400);

        assertThat(browser().get(Mailbox.pathOf(link)).status()).as("the real link still works").isEqualTo(200);
    }

    @Test
    void anExpiredResetLinkIsRefused() throws Exception {
        assumeTrue(dbUrl != null, "needs PostgreSQL to age the link's row");
        String email = uniqueEmail();
        String userId = createPerson(email, true);
        Browser b = browser();
        b.submit(b.get("/forgot-password"), 0, Map.of("email", email));
        String link = mailbox.awaitLink(email, "/reset-password");
        Http.Response form = b.get(Mailbox.pathOf(link));
        assertThat(form.status()).isEqualTo(200);
        try (var c = DriverManager.getConnection(dbUrl, TestDatabases.PG_USER, TestDatabases.PG_PASSWORD);
             var s = c.prepareStatement("UPDATE email_tokens SET expire_time_ms = ? WHERE user_id = ?")) {
            s.setLong(1, System.currentTimeMillis() - 1);
            s.setString(2, userId);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
        assertThat(browser().get(Mailbox.pathOf(link)).status()).isEqualTo(400);
        Http.Response late = b.submit(form, 0, Map.of("new_password", "a brand new password"));
        assertThat(late.status()).isEqualTo(400);
        assertThat(signInStatus(email, PASSWORD)).isEqualTo(303);
    }

    @Test
    void forgotPasswordAnswersAlikeWhetherOrNotTheAddressHasAnAccount() {
        String known = uniqueEmail();
        createPerson(known, true);
        String unknown = uniqueEmail();
        Browser b = browser();
        Http.Response forUnknown = b.submit(b.get("/forgot-password"), 0, Map.of("email", unknown));
        Http.Response forKnown = b.submit(b.get("/forgot-password"), 0, Map.of("email", known));
        assertThat(forUnknown.status()).isEqualTo(forKnown.status()).isEqualTo(200);
        String csrf = "name=\"csrf_token\" value=\"[^\"]*\"";
        assertThat(forUnknown.body().replaceAll(csrf, "").replace(unknown, "X")).isEqualTo(forKnown.body().replaceAll(csrf, "").replace(known, "X"));
        mailbox.awaitLink(known, "/reset-password");
        assertThat(mailbox.to(unknown)).isEmpty();
        Http.Response malformed = b.submit(b.get("/forgot-password"), 0, Map.of("email", "not an address"));
        assertThat(malformed.status()).isEqualTo(200);
    }

    @Test
    void theAddressChangesOnlyWhenTheNewOneOpensItsLink() throws Exception {
        String old = uniqueEmail();
        String next = uniqueEmail();
        createPerson(old, true);
        String refresh = tokensOf(old, PASSWORD, "openid email").get("refresh_token").asText();
        Browser b = browser();
        assertThat(b.signIn(b.get("/signin"), old, PASSWORD).status()).isEqualTo(303);

        Http.Response wrong = b.post("/account/email", Map.of("csrf_token", Browser.csrfToken(b.get("/account")).orElseThrow(),
                "new_email", next, "current_password", "not my password"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body()).contains("The current password is not correct.");
        Http.Response taken = b.post("/account/email", Map.of("csrf_token", Browser.csrfToken(b.get("/account")).orElseThrow(),
                "new_email", "admin@localhost", "current_password", PASSWORD));
        assertThat(taken.status()).isEqualTo(400);
        assertThat(mailbox.to(next)).isEmpty();

        Http.Response asked = b.post("/account/email", Map.of("csrf_token", Browser.csrfToken(b.get("/account")).orElseThrow(),
                "new_email", next.toUpperCase(), "current_password", PASSWORD));
        assertThat(asked.status()).isEqualTo(303);
        assertThat(b.follow(asked).body()).contains("We sent a link to the new address").contains(old);
        String link = mailbox.awaitLink(next, "/confirm-email-change");
        assertThat(signInStatus(old, PASSWORD)).as("the old address stays until then").isEqualTo(303);

        Http.Response confirmed = browser().get(Mailbox.pathOf(link));
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.body()).contains("Your account's address is now " + next + ".");
        assertThat(b.get("/account").body()).as("the session stays").contains(next).contains(">Verified<").doesNotContain(old);
        assertThat(OAuthClients.refresh(http, web, refresh, null).status()).as("tokens in the old address's name end").isEqualTo(400);
        assertThat(emailVerifiedClaim(tokensOf(next, PASSWORD, "openid email"))).isTrue();
        assertThat(signInStatus(old, PASSWORD)).isEqualTo(403);
        assertThat(signInStatus(next, PASSWORD)).isEqualTo(303);
        assertThat(browser().get(Mailbox.pathOf(link)).status()).as("once").isEqualTo(400);
    }

    @Test
    void administratorCreatesVerifiedPeopleAndResendsOrRevokesVerification() throws Exception {
        String email = uniqueEmail();
        Http.Response created = http.postJson("/admin/v1/users", adminToken, Map.of("email", email, "password", PASSWORD, "emailVerified", true));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.json().get("emailVerified").asBoolean()).isTrue();
        grant("user:" + email, "viewer");
        String access = tokensOf(email, PASSWORD, "openid email admin").get("access_token").asText();
        assertThat(http.getWithToken("/admin/v1/projects/" + project, access).status()).isEqualTo(200);

        Http.Response revoked = http.postJson("/admin/v1/users/" + email + ":revokeVerification", adminToken, "");
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(revoked.json().get("emailVerified").asBoolean()).isFalse();
        assertThat(http.getWithToken("/admin/v1/projects/" + project, access).status()).isEqualTo(403);

        Http.Response resent = http.postJson("/admin/v1/users/" + email.toUpperCase() + ":resendVerification", adminToken, "");
        assertThat(resent.status()).as(resent.toString()).isEqualTo(200);
        assertThat(resent.json().get("verificationMail").asText()).isEqualTo("SENT");
        String link = mailbox.awaitLink(email, "/verify-email");
        assertThat(browser().get(Mailbox.pathOf(link)).status()).isEqualTo(200);
        assertThat(http.getWithToken("/admin/v1/projects/" + project, access).status()).isEqualTo(200);
        assertThat(http.postJson("/admin/v1/users/" + email + ":resendVerification", adminToken, "").status())
                .as("already verified").isEqualTo(400);

        assertThat(http.postJson("/admin/v1/users/nobody-" + email + ":revokeVerification", adminToken, "").status()).isEqualTo(404);
        assertThat(http.postJson("/admin/v1/users/" + email + ":deleteEverything", adminToken, "").status()).isEqualTo(404);
        assertThat(http.postJson("/admin/v1/users/" + email + ":revokeVerification", access, "").status())
                .as("a person is no platform administrator").isEqualTo(403);
        assertThat(http.postJson("/admin/v1/users/" + email + ":revokeVerification", null, "").status()).isEqualTo(401);
        for (Object notABoolean : List.of("true", 1, Map.of())) {
            Http.Response bad = http.postJson("/admin/v1/users", adminToken, Map.of("email", uniqueEmail(), "password", PASSWORD, "emailVerified", notABoolean));
            assertThat(bad.status()).as(String.valueOf(notABoolean)).isEqualTo(400);
        }
    }

    @Test
    void anAdministratorCreatedPersonWhoIsNotVouchedForIsMailedALink() {
        String email = uniqueEmail();
        Http.Response created = http.postJson("/admin/v1/users", adminToken, Map.of("email", email, "password", PASSWORD));
        assertThat(created.json().get("emailVerified").asBoolean()).isFalse();
        assertThat(created.json().get("verificationMail").asText()).isEqualTo("SENT");
        assertThat(mailbox.awaitLink(email, "/verify-email")).contains("token=tgm_");
    }

    @Test
    void verificationMailsAreThrottledPerAddress() {
        String email = uniqueEmail();
        Browser b = signUp(email);
        Http.Response last = null;
        // Three verification mails an hour to one address (ThrottledAction.VERIFICATION_MAIL): the sign-up's and two more.
        for (int i = 0; i < 3; i++) {
            last = b.submit(b.get("/account"), 0, Map.of());
        }
        assertThat(last.header("Location")).isEqualTo("/account?mail=throttled");
        assertThat(b.follow(last).body()).contains("Too many mails");
        assertThat(mailbox.to(email)).as("the sign-up's mail and two more").hasSize(3);
    }
}
