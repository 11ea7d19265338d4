package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Base of the end-to-end tests of people's pages: a {@link Browser} that keeps cookies, does not
 * follow redirects (so tests see them) and fills in forms the way a person's browser would,
 * CSRF token included. Abstract, so it runs no tests itself.
 */
abstract class PeopleEndToEndTest extends EndToEnd {
    static final String PASSWORD = "correct horse battery";
    static final String EXPECTED_CSP = "default-src 'self'; frame-ancestors 'none'; form-action 'self'";

    Browser browser() {
        return new Browser(server.baseUrl());
    }

    static String uniqueEmail() {
        return "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "@example.com";
    }

    /** A new person, signed up in their own browser, which stays signed in. */
    Browser signedUp(String email) {
        Browser b = browser();
        Answer a = b.signUp(email, PASSWORD);
        assertThat(a.status()).as(a.toString()).isEqualTo(303);
        return b;
    }

    static void assertPageHeaders(Answer a) {
        assertThat(a.header("X-Frame-Options")).as(a.toString()).isEqualTo("DENY");
        assertThat(a.header("Content-Security-Policy")).as(a.toString()).isEqualTo(EXPECTED_CSP);
        assertThat(a.header("Referrer-Policy")).as(a.toString()).isEqualTo("no-referrer");
        assertThat(a.header("Cache-Control")).as(a.toString()).isEqualTo("no-store");
    }

    /** An HTTP answer to a page request. */
    record Answer(int status, String body, HttpHeaders headers) {
        private static final Pattern CSRF = Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"");
        private static final Pattern ERROR = Pattern.compile("<p class=\"error\" role=\"alert\">(.*?)</p>", Pattern.DOTALL);
        private static final Pattern HIDDEN_CONTINUE = Pattern.compile("name=\"continue\" value=\"([^\"]*)\"");

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String location() {
            return header("Location");
        }

        List<String> setCookies() {
            return headers.allValues("Set-Cookie");
        }

        String csrfToken() {
            Matcher m = CSRF.matcher(body);
            assertThat(m.find()).as("a CSRF field in " + this).isTrue();
            return m.group(1);
        }

        /** The error message the page shows; "" if none. */
        String error() {
            Matcher m = ERROR.matcher(body);
            return m.find() ? m.group(1) : "";
        }

        String hiddenContinue() {
            Matcher m = HIDDEN_CONTINUE.matcher(body);
            assertThat(m.find()).as("a continue field in " + this).isTrue();
            return m.group(1);
        }

        @Override
        public String toString() {
            return status + " " + headers.map() + "\n" + body;
        }
    }

    /** A browser: its own cookie jar, no automatic redirects, HTTP/1.1. */
    static final class Browser {
        private final String baseUrl;
        private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        private final HttpClient client;
        private String forwardedFor;

        Browser(String baseUrl) {
            this.baseUrl = baseUrl;
            this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                    .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        }

        Answer get(String path) {
            return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
        }

        Answer postRaw(String path, String contentType, byte[] body) {
            var b = HttpRequest.newBuilder(URI.create(baseUrl + path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (contentType != null) {
                b.header("Content-Type", contentType);
            }
            return send(b);
        }

        Answer postForm(String path, Map<String, String> fields) {
            return postRaw(path, "application/x-www-form-urlencoded", Http.form(fields).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        /** Opens {@code page}, then posts {@code fields} to {@code action} with the page's CSRF token, as its form would. */
        Answer submit(String page, String action, Map<String, String> fields) {
            Answer form = get(page);
            assertThat(form.status()).as(form.toString()).isEqualTo(200);
            var withToken = new LinkedHashMap<String, String>();
            withToken.put("csrf_token", form.csrfToken());
            withToken.putAll(fields);
            return postForm(action, withToken);
        }

        Answer signIn(String email, String password) {
            return signIn(email, password, "/account");
        }

        Answer signIn(String email, String password, String continueUrl) {
            return submit("/signin", "/signin", Map.of("email", email, "password", password, "continue", continueUrl));
        }

        /** Signs in from the form a signed-in person sees with {@code prompt=select_account}. */
        Answer switchAccount(String email, String password) {
            return submit("/signin?prompt=select_account", "/signin", Map.of("email", email, "password", password));
        }

        Answer signUp(String email, String password) {
            return submit("/signup", "/signup", Map.of("email", email, "password", password));
        }

        Answer signOut() {
            return submit("/account", "/signout", Map.of());
        }

        /** Sends {@code X-Forwarded-For: address} from now on (believed by a server started with {@code --trusted-proxies}). */
        Browser via(String address) {
            this.forwardedFor = address;
            return this;
        }

        Optional<String> cookie(String name) {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                    .map(HttpCookie::getValue).findFirst();
        }

        void setCookie(String name, String value) {
            var cookie = new HttpCookie(name, value);
            cookie.setPath("/");
            cookie.setVersion(0);
            cookies.getCookieStore().add(URI.create(baseUrl), cookie);
        }

        private Answer send(HttpRequest.Builder builder) {
            if (forwardedFor != null) {
                builder.header("X-Forwarded-For", forwardedFor);
            }
            try {
                HttpResponse<String> r = client.send(builder.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                return new Answer(r.statusCode(), r.body(), r.headers());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
