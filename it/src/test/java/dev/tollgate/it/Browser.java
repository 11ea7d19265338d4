package dev.tollgate.it;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person's browser over plain HTTP: keeps cookies, does not follow redirects (tests look at
 * each), and fills forms the way a browser does, CSRF token included.
 */
public final class Browser {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"");
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"");
    private static final Pattern FORM_ACTION = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\"");

    private final String baseUrl;
    private final HttpClient client;

    public Browser(String baseUrl) {
        this.baseUrl = baseUrl;
        var cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    public Http.Response get(String pathOrUrl) {
        return send(HttpRequest.newBuilder(uri(pathOrUrl)).GET());
    }

    public Http.Response post(String pathOrUrl, Map<String, String> form) {
        return send(HttpRequest.newBuilder(uri(pathOrUrl)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Http.form(form))));
    }

    /** Follows same-origin redirects until a page or a redirect elsewhere. */
    public Http.Response follow(Http.Response response) {
        Http.Response r = response;
        for (int hops = 0; hops < 10 && (r.status() == 302 || r.status() == 303) && isOwn(r.header("Location")); hops++) {
            r = get(r.header("Location"));
        }
        return r;
    }

    /** Submits the page's form (the n-th, from 0): its hidden fields (CSRF token included) and these. */
    public Http.Response submit(Http.Response page, int formIndex, Map<String, String> fields) {
        Matcher action = FORM_ACTION.matcher(page.body());
        for (int i = 0; i <= formIndex; i++) {
            if (!action.find()) {
                throw new AssertionError("No form " + formIndex + " on the page:\n" + page.body());
            }
        }
        int end = page.body().indexOf("</form>", action.end());
        String formHtml = page.body().substring(action.end(), end < 0 ? page.body().length() : end);
        var all = new LinkedHashMap<String, String>();
        Matcher hidden = HIDDEN.matcher(formHtml);
        while (hidden.find()) {
            all.put(unescape(hidden.group(1)), unescape(hidden.group(2)));
        }
        all.putAll(fields);
        return post(unescape(action.group(1)), all);
    }

    public static java.util.Optional<String> csrfToken(Http.Response page) {
        Matcher m = CSRF.matcher(page.body());
        return m.find() ? java.util.Optional.of(unescape(m.group(1))) : java.util.Optional.empty();
    }

    /** Signs in through the sign-in page the response leads to, and returns where that goes next. */
    public Http.Response signIn(Http.Response toSignIn, String email, String password) {
        Http.Response page = follow(toSignIn);
        if (!page.body().contains("name=\"password\"")) {
            throw new AssertionError("Not a sign-in page: " + page);
        }
        Matcher cont = Pattern.compile("name=\"continue\" value=\"([^\"]*)\"").matcher(page.body());
        var fields = new LinkedHashMap<String, String>();
        fields.put("email", email);
        fields.put("password", password);
        if (cont.find()) {
            fields.put("continue", unescape(cont.group(1)));
        }
        return submitForm(page, "/signin", fields);
    }

    private Http.Response submitForm(Http.Response page, String action, Map<String, String> fields) {
        var all = new LinkedHashMap<String, String>();
        csrfToken(page).ifPresent(t -> all.put("csrf_token", t));
        all.putAll(fields);
        return post(action, all);
    }

    private boolean isOwn(String location) {
        return location != null && (location.startsWith("/") && !location.startsWith("//") || location.startsWith(baseUrl));
    }

    private URI uri(String pathOrUrl) {
        return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : baseUrl + pathOrUrl);
    }

    private Http.Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Http.Response(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String unescape(String html) {
        return html.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&#x2F;", "/").replace("&#x3D;", "=");
    }
}
