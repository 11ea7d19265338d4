package dev.tollgate.it;

import static dev.tollgate.it.BrowserSupport.click;
import static dev.tollgate.it.BrowserSupport.type;
import static dev.tollgate.it.BrowserSupport.visibleText;
import static dev.tollgate.it.BrowserSupport.waitFor;
import static dev.tollgate.it.BrowserSupport.waitForHeading;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * A new person's first hour in the console, in a real browser: sign up, a project, the Posts API,
 * a key restricted to a web site and its calls in the dashboard and the API's metrics, a lowered
 * quota and its 429, an OAuth client with its consent screen, a service account, a budget and the
 * month's statement. Then what viewers and editors may not do on those pages, and the metrics
 * page's paging. The pages are saved as screenshots under {@code target/screenshots/}.
 */
@ExtendWith(BrowserSupport.RequiresChromium.class)
class ConsoleFirstHourTest extends EndToEnd {
    static final String PASSWORD = "correct horse battery";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    Mailbox mailbox;
    BrowserSupport.Chromium chromium;
    ChromeDriver chrome;

    @Override
    protected String[] extraServeArgs() {
        mailbox = new Mailbox();
        return new String[] {"--smtp", mailbox.smtpUrl()};
    }

    @BeforeAll
    void browser() throws IOException {
        Files.createDirectories(SCREENSHOTS);
        chromium = BrowserSupport.start(true);
        chrome = chromium.driver;
    }

    @AfterAll
    void closeBrowserAndMailbox() {
        if (chromium != null) {
            chromium.close();
        }
        if (mailbox != null) {
            mailbox.close();
        }
    }

    @BeforeEach
    void signedOutBrowser() {
        BrowserSupport.clearCookies(chrome);
    }

    String url(String path) {
        return server.baseUrl() + path;
    }

    void screenshot(String name) throws IOException {
        ConsolePages.screenshot(chrome, name);
    }

    void clickLink(String text) {
        ConsolePages.clickLink(chrome, text);
    }

    void expectStatus(String expected) {
        ConsolePages.expectStatus(chrome, expected);
    }

    String formError() {
        return waitFor(chrome, d -> d.findElements(By.id("form-error")).stream().findFirst().orElse(null), "the form's error").getText();
    }

    String text(String id) {
        return chrome.findElement(By.id(id)).getText();
    }

    boolean chartDrawn(String canvasId) {
        return Boolean.TRUE.equals(chrome.executeScript("var c = document.getElementById(arguments[0]);"
                + " return !!(window.Chart && c && Chart.getChart(c));", canvasId));
    }

    static String postsPath(String key) {
        return "/posts/v1/people/someone@example.com/posts?key=" + key;
    }

    @Test
    void newPersonsFirstHourFromSignUpToTheMonthsStatement() throws IOException {
        String email = "f" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "@example.com";
        chrome.get(url("/signup"));
        waitForHeading(chrome, "Create your account");
        type(chrome, "email", email);
        type(chrome, "password", PASSWORD);
        click(chrome, "Create account");
        waitForHeading(chrome, "Your account");
        chrome.get(url(Mailbox.pathOf(mailbox.awaitLink(email, "/verify-email"))));
        waitForHeading(chrome, "Address verified");

        chrome.get(url("/"));
        waitForHeading(chrome, "Your projects");
        clickLink("New project");
        waitForHeading(chrome, "New project");
        String projectId = "hour-" + UUID.randomUUID().toString().substring(0, 8);
        type(chrome, "project-id", projectId);
        type(chrome, "display-name", "First hour");
        click(chrome, "Create");
        waitForHeading(chrome, "First hour");

        clickLink("API Library");
        waitForHeading(chrome, "API Library");
        click(chrome, "Enable Posts API");
        expectStatus("The API posts is enabled for this project.");

        clickLink("Credentials");
        waitForHeading(chrome, "Credentials");
        type(chrome, "key-name", "Web key");
        click(chrome, "Create API key");
        waitForHeading(chrome, "API key created");
        String key = chrome.findElement(By.id("key-string")).getAttribute("value");
        clickLink("Restrict the key");
        waitForHeading(chrome, "API key Web key");
        String keyId = chrome.getCurrentUrl().substring(chrome.getCurrentUrl().lastIndexOf('/') + 1);
        chrome.findElement(By.id("app-referrers")).click();
        type(chrome, "referrers", "https://app.example.com/*");
        click(chrome, "Save");
        expectStatus("The key was saved.");

        Http.Response allowed = http.get(postsPath(key), "Referer", "https://app.example.com/page.html");
        assertThat(allowed.status()).as(allowed.toString()).isEqualTo(200);
        Http.Response refused = http.get(postsPath(key));
        assertThat(refused.status()).as("without the referrer: " + refused).isEqualTo(403);

        clickLink("Dashboard");
        waitForHeading(chrome, "Dashboard");
        waitFor(chrome, d -> {
            if (!d.findElement(By.cssSelector("#totals-posts td:nth-of-type(2)")).getText().equals("2")) {
                d.navigate().refresh(); // the ledger is filled from the journal within a second or so
                return null;
            }
            return true;
        }, "the dashboard to count the 2 calls to the Posts API");
        clickLink("Posts API");
        waitForHeading(chrome, "Metrics of Posts API");
        new Select(chrome.findElement(By.id("credential"))).selectByVisibleText("API key Web key");
        click(chrome, "Show");
        waitFor(chrome, d -> d.getCurrentUrl().contains("credential=key%3A" + keyId) ? true : null, "the metrics of the key");
        assertThat(text("metrics-summary")).isEqualTo("2 calls in the last 1 day.");
        assertThat(text("by-credential")).contains("API key Web key 2 50.0 %");
        assertThat(text("by-status")).contains("200 Success 1 50.0 %").contains("403 Client error 1 50.0 %");
        assertThat(text("by-method")).contains("posts.people.posts.list 2 50.0 %").contains(" ms");
        waitFor(chrome, d -> chartDrawn("traffic-chart") && chartDrawn("latency-chart") ? true : null, "Chart.js to draw both charts");
        screenshot("50-metrics-of-a-key");
        new Select(chrome.findElement(By.id("method"))).selectByVisibleText("posts.people.posts.insert");
        click(chrome, "Show");
        waitFor(chrome, d -> d.findElement(By.id("metrics-summary")).getText().equals("0 calls in the last 1 day.") ? true : null,
                "no calls of the key to another method");
        assertThat(text("no-calls")).startsWith("No calls match in this range.");

        clickLink("Quotas");
        waitForHeading(chrome, "Quotas");
        String perMinute = "quota-posts-requests-per-minute-per-project";
        assertThat(text(perMinute + "-row")).contains("600");
        type(chrome, perMinute, "100000");
        click(chrome, "Save the limits of Posts API");
        assertThat(formError()).startsWith("Only a platform administrator may raise posts requests-per-minute-per-project above its limit of 600");
        assertThat(chrome.findElement(By.id(perMinute)).getAttribute("value")).as("what was typed stays").isEqualTo("100000");
        screenshot("51-quotas-refused");
        type(chrome, perMinute, "1");
        click(chrome, "Save the limits of Posts API");
        expectStatus("The quotas of posts were saved.");
        assertThat(chrome.findElement(By.id(perMinute)).getAttribute("value")).isEqualTo("1");
        screenshot("52-quotas");
        Http.Response limited = null;
        for (int i = 0; i < 3 && (limited == null || limited.status() != 429); i++) {
            limited = http.get(postsPath(key), "Referer", "https://app.example.com/page.html");
        }
        assertThat(limited.status()).as("beyond one call a minute: " + limited).isEqualTo(429);
        assertThat(limited.body()).contains("requests-per-minute-per-project");

        clickLink("Credentials");
        waitForHeading(chrome, "Credentials");
        clickLink("Create OAuth client ID");
        waitForHeading(chrome, "Create OAuth client ID");
        type(chrome, "client-name", "Poster web");
        type(chrome, "redirect-uris", "https://app.example.com/oauth2callback");
        click(chrome, "Create OAuth client");
        waitForHeading(chrome, "OAuth client created");
        JsonNode clientFile = Http.JSON.readTree(dataOf(chrome.findElement(By.id("download"))));
        assertThat(clientFile.path("web").path("project_id").asText()).isEqualTo(projectId);
        assertThat(clientFile.path("web").path("client_secret").asText()).isNotBlank();

        clickLink("OAuth consent screen");
        waitForHeading(chrome, "OAuth consent screen");
        assertThat(text("consent-preview")).contains("First hour wants access").contains("See your posts");
        type(chrome, "application-name", "Poster");
        type(chrome, "support-email", "help@app.example.com");
        waitFor(chrome, d -> d.findElement(By.id("consent-preview")).getText().contains("Contact: help@app.example.com.") ? true : null,
                "the preview to follow the fields as they are typed");
        assertThat(text("consent-preview")).contains("Poster wants access").contains("This will allow Poster to:");
        type(chrome, "homepage", "https://app.example.com/");
        click(chrome, "Save");
        expectStatus("The consent screen was saved.");
        assertThat(text("consent-preview")).contains("Home page: https://app.example.com/.");
        screenshot("53-consent-screen");
        JsonNode screen = http.getWithToken("/admin/v1/projects/" + projectId + "/consentScreen", adminToken).json();
        assertThat(screen.path("applicationName").asText()).isEqualTo("Poster");
        assertThat(screen.path("supportEmail").asText()).isEqualTo("help@app.example.com");

        clickLink("Credentials");
        waitForHeading(chrome, "Credentials");
        clickLink("Create service account");
        waitForHeading(chrome, "Create service account");
        type(chrome, "account-id", "poster-bot");
        click(chrome, "Create service account");
        waitForHeading(chrome, "Service account poster-bot@" + projectId + ".iam");
        click(chrome, "Add key");
        waitForHeading(chrome, "Key created");
        KeyFiles.KeyFile accountKey = KeyFiles.fromPrivateKeyData(
                Base64.getEncoder().encodeToString(dataOf(chrome.findElement(By.id("download")))));
        assertThat(accountKey.accessToken(http, "posts")).isNotBlank();

        clickLink("Billing");
        waitForHeading(chrome, "Billing");
        assertThat(text("billing-budget")).isEqualTo("None");
        chrome.findElement(By.id("billing-enabled")).click();
        type(chrome, "monthly-budget", "a lot");
        click(chrome, "Save billing settings");
        assertThat(formError()).startsWith("monthlyBudget must be a decimal string");
        type(chrome, "monthly-budget", "25.00");
        click(chrome, "Save billing settings");
        expectStatus("The billing settings were saved.");
        assertThat(text("billing-state")).startsWith("On");
        assertThat(text("billing-budget")).startsWith("25.00 ");
        assertThat(text("month-to-date")).isNotBlank();
        screenshot("54-billing");
        String month = YearMonth.now(ZoneOffset.UTC).toString();
        clickLink("View the statement for " + month);
        waitForHeading(chrome, "Statement for " + month);
        assertThat(text("statement")).contains("posts.people.posts.list");
        screenshot("55-statement");
        assertThat(BrowserSupport.console(chrome)).as("no script or style refused by the Content-Security-Policy")
                .doesNotContainIgnoringCase("Content Security Policy");
        String csvHref = chrome.findElement(By.linkText("Download as CSV")).getAttribute("href");
        var browser = new Browser(server.baseUrl());
        Http.Response csv = browser.follow(browser.signIn(browser.get(csvHref.substring(server.baseUrl().length())), email, PASSWORD));
        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.body()).startsWith("service,method,calls,").contains("posts,posts.people.posts.list,");

        JsonNode log = http.getWithToken("/admin/v1/projects/" + projectId + "/auditLogs", adminToken).json();
        List<String> entries = new ArrayList<>();
        log.get("auditLogs").forEach(e -> entries.add(e.get("method").asText() + " " + e.path("outcome").path("httpStatus").asInt()
                + " by " + e.get("actor").path("email").asText()));
        assertThat(entries).as("the new pages' changes, refused and done, in the audit log as the person's").contains(
                "projects.quotas.update 403 by " + email, "projects.quotas.update 303 by " + email,
                "projects.consentScreen.update 303 by " + email, "projects.billing.update 400 by " + email,
                "projects.billing.update 303 by " + email);
    }

    /** The bytes of a file a page offers once, as a {@code data:} link. */
    static byte[] dataOf(WebElement download) {
        String href = download.getAttribute("href");
        return Base64.getDecoder().decode(href.substring(href.indexOf(',') + 1));
    }

    @Test
    void viewersAndEditorsSeeNoFormTheirRoleForbidsAndTheServerRefusesForgedForms() {
        String projectId = createProject(adminToken);
        enable(adminToken, projectId, "posts");
        String viewer = createVerifiedPerson("v", PASSWORD);
        String editor = createVerifiedPerson("e", PASSWORD);
        member(projectId, viewer, "viewer");
        member(projectId, editor, "editor");
        String base = "/console/projects/" + projectId;

        var asViewer = signedIn(viewer);
        for (String page : List.of(base + "/consentScreen", base + "/quotas", base + "/billing", base + "/apis/posts/metrics")) {
            Http.Response shown = asViewer.get(page);
            assertThat(shown.status()).as(page + ": " + shown).isEqualTo(200);
            assertThat(shown.body()).as("no form that changes anything on " + page).doesNotContain("method=\"post\"");
        }
        String csrf = Browser.csrfToken(asViewer.get("/account")).orElseThrow(); // the viewer's console pages have no form
        Map<String, Map<String, String>> forms = Map.of(
                base + "/consentScreen", Map.of("application_name", "Forged", "support_email", "", "homepage", ""),
                base + "/quotas", Map.of("service", "posts", "requests-per-minute-per-project", "0", "requests-per-day-per-project", "",
                        "requests-per-minute-per-user", ""),
                base + "/billing", Map.of("enabled", "on", "monthly_budget", "1.00"));
        forms.forEach((action, fields) -> {
            var withToken = new java.util.HashMap<>(fields);
            withToken.put("csrf_token", csrf);
            Http.Response forged = asViewer.post(action, withToken);
            assertThat(forged.status()).as("POST " + action + " by a viewer: " + forged).isEqualTo(403);
            assertThat(forged.body()).contains("Not allowed");
        });

        var asEditor = signedIn(editor);
        Http.Response billing = asEditor.get(base + "/billing");
        assertThat(billing.body()).as("billing is its owners' to change").contains("Only the project's owners may change its billing.")
                .doesNotContain("method=\"post\"");
        String editorCsrf = Browser.csrfToken(asEditor.get(base + "/quotas")).orElseThrow();
        var billingForm = new java.util.HashMap<>(forms.get(base + "/billing"));
        billingForm.put("csrf_token", editorCsrf);
        assertThat(asEditor.post(base + "/billing", billingForm).status()).as("billing changed by an editor").isEqualTo(403);
        Http.Response badLimit = asEditor.post(base + "/quotas", Map.of("csrf_token", editorCsrf, "service", "posts",
                "requests-per-minute-per-project", "many", "requests-per-day-per-project", "", "requests-per-minute-per-user", ""));
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.body()).contains("A limit must be a whole number").contains("value=\"many\"");
        Http.Response badEmail = asEditor.post(base + "/consentScreen", Map.of("csrf_token", editorCsrf, "application_name", "Editor app",
                "support_email", "nobody", "homepage", ""));
        assertThat(badEmail.status()).isEqualTo(400);
        assertThat(badEmail.body()).contains("supportEmail is not an email address.").contains("value=\"nobody\"");
        Http.Response saved = asEditor.follow(asEditor.post(base + "/consentScreen", Map.of("csrf_token", editorCsrf,
                "application_name", "Editor app", "support_email", "", "homepage", "")));
        assertThat(saved.body()).as("without JavaScript the preview shows what was saved").contains("The consent screen was saved.")
                .contains("Editor app wants access");

        for (String action : forms.keySet()) {
            Http.Response withoutToken = asEditor.post(action, forms.get(action));
            assertThat(withoutToken.status()).as("POST " + action + " without the CSRF token: " + withoutToken).isEqualTo(403);
        }
        JsonNode limits = http.getWithToken("/admin/v1/projects/" + projectId + "/quotas", adminToken).json();
        limits.get("limits").forEach(l -> assertThat(l.get("effectiveLimit")).as("no quota changed").isEqualTo(l.get("defaultLimit")));
        JsonNode account = http.getWithToken("/admin/v1/projects/" + projectId + "/billing", adminToken).json();
        assertThat(account.path("enabled").asBoolean()).isFalse();
        assertThat(account.has("monthlyBudget")).isFalse();
        assertThat(http.getWithToken("/admin/v1/projects/" + projectId + "/consentScreen", adminToken).json().path("applicationName").asText())
                .isEqualTo("Editor app");
    }

    @Test
    void metricsListCredentialsFiftyAPageAndSayWhatToDoWithoutCalls() throws InterruptedException {
        String projectId = createProject(adminToken);
        enable(adminToken, projectId, "posts");
        String viewer = createVerifiedPerson("m", PASSWORD);
        member(projectId, viewer, "viewer");
        String base = "/console/projects/" + projectId + "/apis/posts/metrics";
        var browser = signedIn(viewer);
        Http.Response empty = browser.get(base);
        assertThat(empty.body()).contains("No calls match in this range.").contains("/console/projects/" + projectId + "/credentials");

        for (int i = 0; i < 51; i++) {
            String key = createKey(adminToken, projectId, Map.of("displayName", "Key " + i)).get("keyString").asText();
            assertThat(http.get(postsPath(key)).status()).isEqualTo(200);
        }
        assertThat(UsageReads.awaitCallsByStatus(http, adminToken, projectId, 51)).containsEntry(200, 51L);
        Http.Response first = browser.get(base + "?range=1h");
        assertThat(first.body()).contains("51 calls in the last 1 hour.").contains("Page 1 of 2 (51 in all).");
        assertThat(rowsOf(first.body(), "by-credential")).isEqualTo(50);
        Http.Response second = browser.get(base + "?range=1h&credentials=2");
        assertThat(second.body()).contains("Page 2 of 2 (51 in all).").contains("51 calls in the last 1 hour.");
        assertThat(rowsOf(second.body(), "by-credential")).isEqualTo(1);
    }

    static int rowsOf(String html, String tableId) {
        String table = html.substring(html.indexOf("id=\"" + tableId + "\""));
        table = table.substring(table.indexOf("<tbody>"), table.indexOf("</tbody>"));
        return table.split("<tr>", -1).length - 1;
    }

    void member(String projectId, String email, String role) {
        Http.Response r = http.postJson("/admin/v1/projects/" + projectId + "/members", adminToken, Map.of("member", "user:" + email, "role", role));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    Browser signedIn(String email) {
        var browser = new Browser(server.baseUrl());
        Http.Response home = browser.follow(browser.signIn(browser.get("/"), email, PASSWORD));
        assertThat(home.status()).as(home.toString()).isEqualTo(200);
        return browser;
    }
}
