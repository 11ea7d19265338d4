package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile form input to the people's pages, past the CSRF check (with a real token and cookie):
 * huge fields, duplicated fields, control characters, invalid UTF-8, odd encodings. Each gets a
 * page with a 2xx, 3xx or 4xx status, never a 500 or a stack trace. Written on a raw socket so
 * that nothing client-side cleans them up.
 */
class PeopleHostileInputTest extends PeopleEndToEndTest {
    private String anonymousCookie;
    private String anonymousToken;
    private String sessionCookie;
    private String sessionToken;

    @BeforeAll
    void tokens() {
        Browser anonymous = browser();
        anonymousToken = anonymous.get("/signin").csrfToken();
        anonymousCookie = "tollgate_csrf=" + anonymous.cookie("tollgate_csrf").orElseThrow();
        Browser signedIn = signedUp(uniqueEmail());
        sessionToken = signedIn.get("/account").csrfToken();
        sessionCookie = "tollgate_session=" + signedIn.cookie("tollgate_session").orElseThrow();
    }

    record Raw(int status, String head, String body) {}

    private Raw raw(String request) throws IOException {
        URI base = URI.create(server.baseUrl());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int headEnd = response.indexOf("\r\n\r\n");
            String head = headEnd < 0 ? response : response.substring(0, headEnd);
            String body = headEnd < 0 ? "" : response.substring(headEnd + 4);
            return new Raw(Integer.parseInt(head.substring(9, 12)), head, body);
        }
    }

    private static String post(String target, String contentType, String body, String cookie) {
        var sb = new StringBuilder("POST " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
        if (contentType != null) {
            sb.append("Content-Type: ").append(contentType).append("\r\n");
        }
        sb.append("Content-Length: ").append(body.getBytes(StandardCharsets.ISO_8859_1).length).append("\r\n");
        sb.append("Cookie: ").append(cookie).append("\r\n\r\n").append(body);
        return sb.toString();
    }

    private static String get(String target, String cookie) {
        return "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nCookie: " + cookie + "\r\n\r\n";
    }

    static final String FORM = "application/x-www-form-urlencoded";

    /**
     * Bodies after "csrf_token=TOKEN&", with the status sign-in and sign-up answer. The string is sent
     * as ISO-8859-1, so "\u00ff" is the raw byte 0xFF. Sign-in answers what it cannot use with the
     * ordinary failed sign-in (403); sign-up says what is wrong (400). Fewer than 20 of them reach
     * the password check, so the address throttle never interferes.
     */
    static Stream<Arguments> signInAndSignUpBodies() {
        return Stream.of(
                Arguments.of("huge email", "email=" + "a".repeat(20_000) + "%40example.com&password=x", 403, 400),
                Arguments.of("huge password", "email=a%40example.com&password=" + "p".repeat(30_000), 403, 400),
                Arguments.of("body over the form limit", "email=a%40example.com&password=" + "p".repeat(100_000), 413, 413),
                Arguments.of("email twice", "email=a%40example.com&email=b%40example.com&password=xxxxxxxxxx", 400, 400),
                Arguments.of("password twice", "email=a%40example.com&password=xxxxxxxxxx&password=yyyyyyyyyy", 400, 400),
                Arguments.of("continue twice", "email=a%40example.com&password=xxxxxxxxxx&continue=%2Fa&continue=%2F%2Fevil.com", 400, 400),
                Arguments.of("NUL in email", "email=a%00b%40example.com&password=xxxxxxxxxx", 403, 400),
                Arguments.of("newline in email", "email=a%40example.com%0D%0ABcc%3A+x%40evil.com&password=xxxxxxxxxx", 403, 400),
                Arguments.of("control characters in password", "email=c%40example.com&password=%01%02%03%04%05%06%07%08%09", 403, 400),
                Arguments.of("invalid UTF-8 escape", "email=%FF%FE%40example.com&password=xxxxxxxxxx", 400, 400),
                Arguments.of("overlong UTF-8", "email=%C0%AF%40example.com&password=xxxxxxxxxx", 400, 400),
                Arguments.of("lone surrogate as UTF-8", "email=a%40example.com&password=%ED%A0%80xxxxxxxx", 400, 400),
                Arguments.of("raw invalid UTF-8 bytes", "email=\u00ff\u00fe%40example.com&password=xxxxxxxxxx", 400, 400),
                Arguments.of("bad percent escape", "email=%zz&password=xxxxxxxxxx", 400, 400),
                Arguments.of("truncated percent escape", "email=a%40example.com&password=x%", 400, 400),
                Arguments.of("unicode email", "email=%C3%BCn%C3%AFc%C3%B6de%40example.com&password=xxxxxxxxxx", 403, 400),
                Arguments.of("email of 255 characters", "email=" + "a".repeat(243) + "%40example.com&password=xxxxxxxxxx", 403, 400),
                Arguments.of("script in email", "email=%3Cscript%3Ealert(1)%3C%2Fscript%3E%40example.com&password=xxxxxxxxxx", 403, 400),
                Arguments.of("many fields", "x=1&".repeat(500) + "email=a%40example.com", 400, 400),
                Arguments.of("only separators", "&&&===&&&", 403, 400),
                Arguments.of("empty names and values", "=&=&email=&password=", 403, 400),
                Arguments.of("plus and spaces", "email=+++&password=+++++++++", 403, 400));
    }

    private void assertCleanPage(String what, Raw r, int expectedStatus) {
        assertThat(r.status()).as(what + ": " + r.head() + "\n" + r.body()).isEqualTo(expectedStatus);
        assertThat(r.head()).as(what).containsIgnoringCase("Content-Type: text/html").contains("Cache-Control: no-store");
        assertThat(r.body()).as(what).startsWith("<!DOCTYPE html>").doesNotContain("Exception").doesNotContain("\tat ")
                .doesNotContain("<script>");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signInAndSignUpBodies")
    void signInAnswersHostileFormsWithAPage(String what, String body, int signInStatus, int signUpStatus) throws Exception {
        Raw r = raw(post("/signin", FORM, "csrf_token=" + anonymousToken + "&" + body, anonymousCookie));
        assertCleanPage(what, r, signInStatus);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signInAndSignUpBodies")
    void signUpAnswersHostileFormsWithAPage(String what, String body, int signInStatus, int signUpStatus) throws Exception {
        Raw r = raw(post("/signup", FORM, "csrf_token=" + anonymousToken + "&" + body, anonymousCookie));
        assertCleanPage(what, r, signUpStatus);
    }

    static Stream<Arguments> passwordChangeBodies() {
        return Stream.of(
                Arguments.of("huge new password", "current_password=x&new_password=" + "p".repeat(30_000)),
                Arguments.of("new password twice", "current_password=x&new_password=aaaaaaaaaa&new_password=bbbbbbbbbb"),
                Arguments.of("invalid UTF-8", "current_password=%FF&new_password=%FE%FE%FE%FE%FE%FE%FE%FE"),
                Arguments.of("control characters", "current_password=%00&new_password=%00%00%00%00%00%00%00%00%00"),
                Arguments.of("nothing", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("passwordChangeBodies")
    void passwordChangeAnswersHostileFormsWithAPage(String what, String body) throws Exception {
        Raw r = raw(post("/account/password", FORM, "csrf_token=" + sessionToken + "&" + body, sessionCookie));
        assertCleanPage(what, r, 400);
    }

    @AfterAll
    void serverLoggedNoUnexpectedError() {
        assertThat(server.output()).doesNotContain("Unexpected error").doesNotContain("Exception");
    }

    static Stream<Arguments> hostileRequests() {
        return Stream.of(
                Arguments.of("no content type", post("/signin", null, "csrf_token=T&email=a", "C")),
                Arguments.of("JSON body", post("/signin", "application/json", "{\"email\":\"a\"}", "C")),
                Arguments.of("multipart body", post("/signin", "multipart/form-data; boundary=x", "--x--", "C")),
                Arguments.of("text body", post("/signup", "text/plain", "csrf_token=T", "C")),
                Arguments.of("body over 1 MB", post("/signin", FORM, "a=" + "b".repeat(1_100_000), "C")),
                Arguments.of("garbage cookie", post("/signin", FORM, "csrf_token=T", "tollgate_csrf=\u0001\u0002; tollgate_session=;;;=")),
                Arguments.of("cookie of 6000 bytes", post("/signin", FORM, "csrf_token=T", "tollgate_session=" + "s".repeat(6000))),
                Arguments.of("bad escape in query", get("/signin?continue=%zz&login_hint=%", "C")),
                Arguments.of("invalid UTF-8 in query", get("/signin?login_hint=%FF%FE&continue=%C0%AF", "C")),
                Arguments.of("parameter twice in query", get("/signin?continue=%2Fa&continue=%2F%2Fevil.com", "C")),
                Arguments.of("control characters in hint", get("/signin?login_hint=a%0D%0ALocation:%20https://evil.com", "C")),
                Arguments.of("huge prompt", get("/signin?prompt=" + "login+".repeat(1000), "C")),
                Arguments.of("huge query", get("/signup?continue=%2F" + "a".repeat(7000), "C")),
                Arguments.of("account page with forged session", get("/account", "tollgate_session=" + "A".repeat(32))),
                Arguments.of("account query twice", get("/account?password=changed&password=x", "C")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileRequests")
    void pagesAnswerHostileRequestsWithAPage(String what, String request) throws Exception {
        Raw r = raw(request.replace("csrf_token=T", "csrf_token=" + anonymousToken).replace("Cookie: C\r\n", "Cookie: " + anonymousCookie + "\r\n"));
        assertThat(r.status()).as(what + ": " + r.head() + "\n" + r.body()).isBetween(200, 499);
        assertThat(r.body()).as(what).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.head()).as(what).doesNotContainIgnoringCase("Location: https://evil.com").doesNotContainIgnoringCase("Location: //");
    }
}
