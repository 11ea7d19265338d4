package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Signing up, in and out, and changing the password, through the pages over real HTTP. */
class PeopleSignInTest extends PeopleEndToEndTest {

    @Test
    void signUpSignsThePersonInWithTheirEmailInLowerCase() {
        String email = uniqueEmail();
        Browser b = browser();
        Answer a = b.signUp(email.toUpperCase(), PASSWORD);
        assertThat(a.status()).as(a.toString()).isEqualTo(303);
        assertThat(a.location()).isEqualTo("/account");
        assertThat(b.cookie("tollgate_session")).isPresent();

        Answer account = b.get("/account");
        assertThat(account.status()).isEqualTo(200);
        assertThat(account.body()).contains("<dd>" + email + "</dd>");
    }

    @Test
    void signedUpPersonSignsInFromAnotherBrowser() {
        String email = uniqueEmail();
        signedUp(email);
        Browser other = browser();
        Answer a = other.signIn(email, PASSWORD);
        assertThat(a.status()).as(a.toString()).isEqualTo(303);
        assertThat(a.location()).isEqualTo("/account");
        assertThat(other.get("/account").body()).contains(email);
    }

    @Test
    void firstStartAdministratorSignsInWithTheGeneratedPassword() throws Exception {
        Browser b = browser();
        Answer a = b.signIn("admin@localhost", server.adminPassword());
        assertThat(a.status()).as(a.toString()).isEqualTo(303);
        assertThat(b.get("/account").body()).contains("admin@localhost");
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheSameAnswer() {
        String email = uniqueEmail();
        signedUp(email);
        String unknown = uniqueEmail();

        Answer wrongPassword = browser().signIn(email, "wrong password");
        Answer unknownEmail = browser().signIn(unknown, PASSWORD);

        assertThat(wrongPassword.status()).isEqualTo(403);
        assertThat(unknownEmail.status()).isEqualTo(wrongPassword.status());
        assertThat(wrongPassword.error()).isEqualTo("Wrong email address or password.");
        assertThat(unknownEmail.error()).isEqualTo(wrongPassword.error());
        String normalizedWrong = wrongPassword.body().replace(wrongPassword.csrfToken(), "TOKEN").replace(email, "EMAIL");
        String normalizedUnknown = unknownEmail.body().replace(unknownEmail.csrfToken(), "TOKEN").replace(unknown, "EMAIL");
        assertThat(normalizedUnknown).isEqualTo(normalizedWrong);
        assertThat(wrongPassword.setCookies()).noneMatch(c -> c.startsWith("tollgate_session="));
        assertThat(unknownEmail.setCookies()).noneMatch(c -> c.startsWith("tollgate_session="));
        assertThat(wrongPassword.body()).doesNotContain("wrong password");
    }

    @Test
    void signInPageWithoutASessionRedirectsNowhere() {
        Answer account = browser().get("/account");
        assertThat(account.status()).isEqualTo(302);
        assertThat(account.location()).isEqualTo("/signin?continue=%2Faccount");
    }

    @Test
    void signInGoesOnToTheContinueUrl() {
        String email = uniqueEmail();
        signedUp(email);
        Browser b = browser();
        Answer page = b.get("/signin?continue=%2Faccount%3Ffrom%3Dtest");
        assertThat(page.hiddenContinue()).isEqualTo("/account?from=test");
        Answer a = b.signIn(email, PASSWORD, "/account?from=test");
        assertThat(a.location()).isEqualTo("/account?from=test");
    }

    @Test
    void signedInVisitToSignInGoesStraightOn() {
        Browser b = signedUp(uniqueEmail());
        Answer a = b.get("/signin?continue=%2Faccount%3Fx%3D1");
        assertThat(a.status()).isEqualTo(302);
        assertThat(a.location()).isEqualTo("/account?x=1");
    }

    @Test
    void loginHintPrefillsTheEmail() {
        Answer a = browser().get("/signin?login_hint=Hinted%40Example.com");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body()).contains("value=\"hinted@example.com\"");
        Answer junk = browser().get("/signin?login_hint=%22%3E%3Cscript%3E");
        assertThat(junk.body()).doesNotContain("<script>").contains("name=\"email\" type=\"email\" autocomplete=\"username\" required maxlength=\"254\" value=\"\"");
    }

    @Test
    void selectAccountShowsTheFormWithContinueAsTheSignedInPerson() {
        String email = uniqueEmail();
        Browser b = signedUp(email);
        Answer a = b.get("/signin?continue=%2Faccount%3Fchosen%3D1&prompt=select_account");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body()).contains("<a class=\"button\" href=\"/account?chosen=1\">Continue as " + email + "</a>")
                .contains("name=\"password\"");

        String other = uniqueEmail();
        signedUp(other);
        String before = b.cookie("tollgate_session").orElseThrow();
        Answer switched = b.switchAccount(other, PASSWORD);
        assertThat(switched.status()).isEqualTo(303);
        assertThat(b.cookie("tollgate_session").orElseThrow()).isNotEqualTo(before);
        assertThat(b.get("/account").body()).contains(other);
    }

    @Test
    void loginPromptAsksForThePasswordAgain() {
        String email = uniqueEmail();
        Browser b = signedUp(email);
        Answer a = b.get("/signin?continue=%2Faccount&prompt=login");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body()).doesNotContain("Continue as").contains("value=\"" + email + "\"");
    }

    @Test
    void signInGivesANewSessionIdEvenToABrowserThatCameWithOne() {
        String email = uniqueEmail();
        signedUp(email);
        Browser b = browser();
        String planted = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        b.setCookie("tollgate_session", planted);
        Answer a = b.signIn(email, PASSWORD);
        assertThat(a.status()).isEqualTo(303);
        String issued = sessionCookieSetBy(a);
        assertThat(issued).isNotEqualTo(planted).matches("[0-9A-Za-z]{32}");

        Browser attacker = browser();
        attacker.setCookie("tollgate_session", planted);
        assertThat(attacker.get("/account").status()).isEqualTo(302);

        Browser same = browser();
        same.setCookie("tollgate_session", issued);
        assertThat(same.get("/account").status()).isEqualTo(200);
        Answer again = same.switchAccount(email, PASSWORD);
        assertThat(sessionCookieSetBy(again)).isNotEqualTo(issued);

        Browser replay = browser();
        replay.setCookie("tollgate_session", issued);
        assertThat(replay.get("/account").status()).as("the previous id died with the new sign-in").isEqualTo(302);
    }

    private static String sessionCookieSetBy(Answer a) {
        String cookie = a.setCookies().stream().filter(c -> c.startsWith("tollgate_session=")).findFirst().orElseThrow();
        return cookie.substring("tollgate_session=".length(), cookie.indexOf(';'));
    }

    @Test
    void signOutEndsTheSessionOnTheServerToo() {
        String email = uniqueEmail();
        Browser b = signedUp(email);
        String id = b.cookie("tollgate_session").orElseThrow();

        Answer out = b.signOut();
        assertThat(out.status()).as(out.toString()).isEqualTo(303);
        assertThat(out.location()).isEqualTo("/signin");
        assertThat(out.setCookies()).anyMatch(c -> c.startsWith("tollgate_session=;") && c.contains("Max-Age=0"));
        assertThat(b.get("/account").status()).isEqualTo(302);

        Browser replay = browser();
        replay.setCookie("tollgate_session", id);
        assertThat(replay.get("/account").status()).as("a copied cookie is worthless after sign-out").isEqualTo(302);
    }

    @Test
    void signOutPageOffersAButton() {
        Browser b = signedUp(uniqueEmail());
        Answer page = b.get("/signout");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("action=\"/signout\"");
        assertThat(browser().get("/signout").status()).isEqualTo(302);
    }

    @Test
    void changingThePasswordEndsOtherSessionsAndKeepsThisOne() {
        String email = uniqueEmail();
        Browser here = signedUp(email);
        Browser elsewhere = browser();
        assertThat(elsewhere.signIn(email, PASSWORD).status()).isEqualTo(303);

        Answer changed = here.submit("/account", "/account/password",
                Map.of("current_password", PASSWORD, "new_password", "a brand new password"));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(303);
        assertThat(changed.location()).isEqualTo("/account?password=changed");

        Answer account = here.get("/account?password=changed");
        assertThat(account.status()).isEqualTo(200);
        assertThat(account.body()).contains("Your password was changed");
        assertThat(elsewhere.get("/account").status()).isEqualTo(302);

        assertThat(browser().signIn(email, PASSWORD).status()).isEqualTo(403);
        assertThat(browser().signIn(email, "a brand new password").status()).isEqualTo(303);
    }

    @Test
    void changingThePasswordNeedsTheCurrentOne() {
        String email = uniqueEmail();
        Browser here = signedUp(email);
        Browser elsewhere = browser();
        elsewhere.signIn(email, PASSWORD);

        Answer refused = here.submit("/account", "/account/password",
                Map.of("current_password", "not my password", "new_password", "a brand new password"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error()).contains("The current password is not correct.");
        Answer tooShort = here.submit("/account", "/account/password", Map.of("current_password", PASSWORD, "new_password", "short"));
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.error()).contains("Choose a password of at least 8 characters.");

        assertThat(elsewhere.get("/account").status()).isEqualTo(200);
        assertThat(browser().signIn(email, PASSWORD).status()).isEqualTo(303);
    }

    @Test
    void changingThePasswordWhenSignedOutGoesToSignIn() {
        Browser b = signedUp(uniqueEmail());
        Answer page = b.get("/account");
        b.signOut();
        Answer a = b.postForm("/account/password", Map.of("csrf_token", page.csrfToken(), "current_password", PASSWORD,
                "new_password", "whatever password"));
        assertThat(a.status()).isIn(302, 403);
    }

    @Test
    void signUpWithATakenEmailIsRefusedAndSignsNoOneIn() {
        String email = uniqueEmail();
        signedUp(email);
        Browser b = browser();
        Answer a = b.signUp(email, "another password");
        assertThat(a.status()).isEqualTo(409);
        assertThat(a.error()).contains("already exists");
        assertThat(b.cookie("tollgate_session")).isEmpty();
        assertThat(browser().signIn(email, "another password").status()).isEqualTo(403);
    }

    @Test
    void signUpValidatesEmailAndPassword() {
        Answer badEmail = browser().signUp("not-an-email", PASSWORD);
        assertThat(badEmail.status()).isEqualTo(400);
        assertThat(badEmail.error()).contains("valid email address");
        Answer shortPassword = browser().signUp(uniqueEmail(), "1234567");
        assertThat(shortPassword.status()).isEqualTo(400);
        assertThat(shortPassword.error()).contains("at least 8 characters");
        Answer longPassword = browser().signUp(uniqueEmail(), "x".repeat(1025));
        assertThat(longPassword.status()).isEqualTo(400);
        assertThat(longPassword.error()).contains("at most 1024 characters");
    }

    @Test
    void stylesheetIsServedFromThisOrigin() {
        Answer css = browser().get("/static/tollgate.css");
        assertThat(css.status()).isEqualTo(200);
        assertThat(css.header("Content-Type")).startsWith("text/css");
        assertThat(browser().get("/signin").body()).contains("<link rel=\"stylesheet\" href=\"/static/tollgate.css\">")
                .contains("<html lang=\"en\">").contains("<label for=\"email\">").contains("<label for=\"password\">")
                .doesNotContain("<script").doesNotContain("style=");
    }
}
