package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** CSRF, open redirects, headers and cookies of the people's pages. */
class PeoplePageSecurityTest extends PeopleEndToEndTest {

    static Stream<String> formActions() {
        return Stream.of("/signin", "/signup", "/account/password", "/signout");
    }

    private static Map<String, String> fieldsFor(String action, String email) {
        return switch (action) {
            case "/signin", "/signup" -> Map.of("email", email, "password", PASSWORD);
            case "/account/password" -> Map.of("current_password", PASSWORD, "new_password", "another password");
            default -> Map.of();
        };
    }

    @ParameterizedTest
    @MethodSource("formActions")
    void postWithoutCsrfTokenIsRefusedWith403(String action) {
        String email = uniqueEmail();
        Browser b = signedUp(email);
        b.get("/signin?prompt=select_account");
        Answer a = b.postForm(action, fieldsFor(action, email));
        assertThat(a.status()).as(a.toString()).isEqualTo(403);
        assertThat(a.body()).contains("<h1>This form has expired</h1>").doesNotContain("Exception");
        assertPageHeaders(a);
        assertThat(b.get("/account").status()).as("still signed in, nothing changed").isEqualTo(200);
    }

    @ParameterizedTest
    @MethodSource("formActions")
    void postWithWrongCsrfTokenIsRefusedWith403(String action) {
        String email = uniqueEmail();
        Browser b = signedUp(email);
        var fields = new LinkedHashMap<>(fieldsFor(action, email));
        fields.put("csrf_token", "forged-" + "x".repeat(36));
        Answer a = b.postForm(action, fields);
        assertThat(a.status()).as(a.toString()).isEqualTo(403);
    }

    @ParameterizedTest
    @MethodSource("formActions")
    void tokenFromAnotherBrowserIsRefused(String action) {
        String email = uniqueEmail();
        Browser victim = signedUp(email);
        Browser attacker = signedUp(uniqueEmail());
        String attackersToken = attacker.get("/account").csrfToken();
        var fields = new LinkedHashMap<>(fieldsFor(action, email));
        fields.put("csrf_token", attackersToken);
        Answer a = victim.postForm(action, fields);
        assertThat(a.status()).as(a.toString()).isEqualTo(403);
        assertThat(victim.get("/account").status()).isEqualTo(200);
    }

    @Test
    void signInFormTokenIsBoundToThePreSessionCookie() {
        Browser first = browser();
        String token = first.get("/signin").csrfToken();
        assertThat(first.cookie("tollgate_csrf")).isPresent();
        assertThat(token).doesNotContain(first.cookie("tollgate_csrf").get());

        Browser second = browser();
        second.get("/signin");
        Answer a = second.postForm("/signin", Map.of("csrf_token", token, "email", "admin@localhost", "password", "x"));
        assertThat(a.status()).isEqualTo(403);
    }

    @Test
    void csrfTokenDuplicatedIsABadRequest() {
        Browser b = browser();
        String token = b.get("/signin").csrfToken();
        String body = "csrf_token=" + token + "&csrf_token=" + token + "&email=a%40b.c&password=x";
        Answer a = b.postRaw("/signin", "application/x-www-form-urlencoded", body.getBytes(StandardCharsets.UTF_8));
        assertThat(a.status()).isEqualTo(400);
    }

    @Test
    void tokenChangesWhenThePersonSignsIn() {
        String email = uniqueEmail();
        signedUp(email);
        Browser b = browser();
        String before = b.get("/signin").csrfToken();
        b.signIn(email, PASSWORD);
        String after = b.get("/account").csrfToken();
        assertThat(after).isNotEqualTo(before);
    }

    static Stream<String> hostileContinueUrls() {
        return Stream.of("//evil.com", "https://evil.com", "http://evil.com/account", "/\\evil.com", "\\/evil.com", "\\\\evil.com",
                "//evil.com/%2F..", "/\t/evil.com", "/\n/evil.com", " //evil.com", "javascript:alert(document.domain)",
                "http:evil.com", "evil.com", "%2F%2Fevil.com", "/%0A/evil.com\r\nLocation: https://evil.com",
                "//evil.com@localhost", "///evil.com", "https:\\\\evil.com", "data:text/html,hello");
    }

    private void assertStaysOnThisSite(String location) {
        assertThat(location).isNotNull().startsWith("/").doesNotStartWith("//").doesNotContain("\\").doesNotContain("evil.com");
        URI base = URI.create(server.baseUrl());
        URI target = base.resolve(location);
        assertThat(target.getHost()).isEqualTo(base.getHost());
        assertThat(target.getPort()).isEqualTo(base.getPort());
    }

    @ParameterizedTest
    @MethodSource("hostileContinueUrls")
    void continueUrlToAnotherSiteIsIgnoredAfterSignIn(String hostile) {
        String email = uniqueEmail();
        signedUp(email);
        Browser b = browser();
        Answer page = b.get("/signin?continue=" + URLEncoder.encode(hostile, StandardCharsets.UTF_8));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.hiddenContinue()).as("the console, where signing in goes by default").isEqualTo("/");
        Answer a = b.signIn(email, PASSWORD, hostile);
        assertThat(a.status()).as(a.toString()).isEqualTo(303);
        assertStaysOnThisSite(a.location());
        assertThat(a.location()).isEqualTo("/");
    }

    @ParameterizedTest
    @MethodSource("hostileContinueUrls")
    void continueUrlToAnotherSiteIsIgnoredWhenAlreadySignedIn(String hostile) {
        Browser b = signedUp(uniqueEmail());
        Answer a = b.get("/signin?continue=" + URLEncoder.encode(hostile, StandardCharsets.UTF_8));
        assertThat(a.status()).isEqualTo(302);
        assertStaysOnThisSite(a.location());
    }

    @ParameterizedTest
    @MethodSource("hostileContinueUrls")
    void continueUrlToAnotherSiteIsIgnoredAfterSignUp(String hostile) {
        Browser b = browser();
        Answer a = b.submit("/signup", "/signup", Map.of("email", uniqueEmail(), "password", PASSWORD, "continue", hostile));
        assertThat(a.status()).as(a.toString()).isEqualTo(303);
        assertStaysOnThisSite(a.location());
    }

    @ParameterizedTest
    @ValueSource(strings = {"%2F%2Fevil.com", "%252F%252Fevil.com", "%5C%2Fevil.com", "%2F%5Cevil.com", "https%3A%2F%2Fevil.com",
            "%2F%09%2Fevil.com", "%2F%2F%65vil.com"})
    void encodedForeignContinueUrlsAreIgnored(String encoded) {
        Browser b = signedUp(uniqueEmail());
        Answer a = b.get("/signin?continue=" + encoded);
        assertThat(a.status()).isEqualTo(302);
        assertStaysOnThisSite(a.location());
        assertThat(a.location()).isEqualTo("/");
    }

    @Test
    void everyPageHasTheSecurityHeaders() {
        Browser anonymous = browser();
        Browser signedIn = signedUp(uniqueEmail());
        for (Answer a : List.of(anonymous.get("/signin"), anonymous.get("/signup"), anonymous.get("/account"),
                anonymous.get("/signout"), anonymous.get("/signin?continue=%C0%AF"),
                signedIn.get("/account"), signedIn.get("/signout"), signedIn.get("/signin"),
                signedIn.get("/signin?prompt=select_account"), anonymous.postForm("/signin", Map.of()),
                anonymous.signIn("nobody@example.com", "wrong password"), anonymous.signUp("bad", "bad"))) {
            assertPageHeaders(a);
        }
    }

    @Test
    void cookiesAreHttpOnlyLaxAndHostOnly() {
        Browser b = browser();
        Answer page = b.get("/signin");
        Answer signedUp = b.submit("/signup", "/signup", Map.of("email", uniqueEmail(), "password", PASSWORD));
        for (String cookie : List.of(page.setCookies().get(0), signedUp.setCookies().get(0))) {
            assertThat(cookie).contains("; HttpOnly").contains("; SameSite=Lax").contains("; Path=/")
                    .doesNotContainIgnoringCase("domain=").doesNotContain("Secure");
        }
        assertThat(page.setCookies().get(0)).startsWith("tollgate_csrf=");
        assertThat(signedUp.setCookies().get(0)).startsWith("tollgate_session=").contains("Max-Age=2592000");
    }

    @Test
    void pagesCannotBeFramedOrCached() {
        Answer a = browser().get("/signin");
        assertThat(a.header("Content-Type")).startsWith("text/html").contains("utf-8");
        assertThat(a.header("Pragma")).isEqualTo("no-cache");
        assertThat(a.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }
}
