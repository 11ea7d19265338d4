package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * CORS as a real browser enforces it: a page served from another loopback origin calls the Posts
 * API with fetch(), with a referrer-restricted key and with a bearer token. The catalog allows
 * Posts only from {@code http://127.0.0.1:APP}; the same page from {@code http://localhost:APP} is
 * another origin, and the browser keeps every answer from it.
 */
@ExtendWith(BrowserSupport.RequiresChromium.class)
class BrowserCorsTest extends EndToEnd {
    BrowserSupport.App app;
    BrowserSupport.Chromium chromium;
    ChromeDriver chrome;
    String robotEmail;
    String robotToken;
    String referrerKey;

    @Override
    protected String[] extraServeArgs() throws IOException {
        // The page's server first: its origin goes into the catalog the server starts with.
        app = new BrowserSupport.App();
        return new String[] {"--config", CorsCatalog.withPostsAllowedFrom(app.origin()).toString()};
    }

    @BeforeAll
    void projectAndBrowser() throws IOException {
        String project = createProject(adminToken);
        enable(adminToken, project, "posts");
        referrerKey = createKey(adminToken, project, Map.of("displayName", "page key",
                "restrictions", Map.of("allowedReferrers", List.of(app.origin() + "/*")))).get("keyString").asText();
        KeyFiles.KeyFile robot = createServiceAccount(adminToken, project, "poster");
        robotEmail = robot.email();
        robotToken = robot.accessToken(http, "posts");
        Http.Response posted = http.postJson("/posts/v1/people/me/posts", robotToken, Map.of("content", "hello browsers", "visibility", "public"));
        assertThat(posted.status()).as(posted.toString()).isEqualTo(200);
        app.page("/cors.html", page());
        chromium = BrowserSupport.start(true);
        chrome = chromium.driver;
    }

    @AfterAll
    void closeBrowserAndPage() {
        if (chromium != null) {
            chromium.close();
        }
        if (app != null) {
            app.close();
        }
    }

    /** Three calls with fetch(), each reported as "name: status body" or "name: the error's name". */
    private String page() {
        String list = server.baseUrl() + "/posts/v1/people/" + robotEmail + "/posts";
        String insert = server.baseUrl() + "/posts/v1/people/me/posts";
        return """
                <!DOCTYPE html><title>CORS page</title><h1>CORS page</h1><pre id="out"></pre>
                <script>
                async function call(name, url, init) {
                  try {
                    const r = await fetch(url, init);
                    return name + ': ' + r.status + ' ' + (await r.text());
                  } catch (e) {
                    return name + ': ' + e.name;
                  }
                }
                (async () => {
                  const token = {Authorization: 'Bearer ' + %s};
                  const lines = [
                    await call('key', %s + '?key=' + %s),
                    await call('token', %s, {headers: token}),
                    await call('insert', %s, {method: 'POST', headers: {...token, 'Content-Type': 'application/json'},
                        body: JSON.stringify({content: 'written from ' + location.origin, visibility: 'public'})}),
                  ];
                  const out = document.getElementById('out');
                  out.textContent = lines.join('\\n');
                  out.dataset.done = 'yes';
                })();
                </script>
                """.formatted(js(robotToken), js(list), js(referrerKey), js(list), js(insert));
    }

    private static String js(String s) {
        return Http.write(s);
    }

    /** Opens the page at {@code origin} and returns its report, one line per call. */
    private Map<String, String> run(String origin) {
        chrome.get(origin + "/cors.html");
        BrowserSupport.waitFor(chrome, d -> "yes".equals(d.findElement(By.id("out")).getDomAttribute("data-done")), "the page's calls to end");
        var report = new java.util.LinkedHashMap<String, String>();
        for (String line : chrome.findElement(By.id("out")).getText().split("\n")) {
            int colon = line.indexOf(": ");
            report.put(line.substring(0, colon), line.substring(colon + 2));
        }
        return report;
    }

    @Test
    void aPageFromTheAllowedOriginCallsWithAReferrerRestrictedKeyAndWithABearerToken() {
        Map<String, String> report = run(app.origin());
        assertThat(report.get("key")).as("key").startsWith("200 ").contains("hello browsers");
        assertThat(report.get("token")).as("token, after a preflight").startsWith("200 ").contains("hello browsers");
        assertThat(report.get("insert")).as("insert").startsWith("200 ").contains("written from " + app.origin());
    }

    @Test
    void aPageFromAnotherOriginIsRefusedByTheBrowser() {
        String other = "http://localhost:" + app.port();
        Map<String, String> report = run(other);
        assertThat(report).as("every fetch fails with a TypeError: no Access-Control-Allow-Origin for this origin")
                .isEqualTo(Map.of("key", "TypeError", "token", "TypeError", "insert", "TypeError"));
        Http.Response posts = http.getWithToken("/posts/v1/people/me/posts", robotToken);
        assertThat(posts.body()).as("the refused preflight kept the insert from ever being sent").doesNotContain("written from " + other);
    }
}
