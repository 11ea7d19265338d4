package dev.tollgate.it;

import static dev.tollgate.it.BrowserSupport.click;
import static dev.tollgate.it.BrowserSupport.signIn;
import static dev.tollgate.it.BrowserSupport.type;
import static dev.tollgate.it.BrowserSupport.visibleText;
import static dev.tollgate.it.BrowserSupport.waitFor;
import static dev.tollgate.it.BrowserSupport.waitForHeading;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

/**
 * The developer console in a real browser: a new person's first steps (a project, the Posts API, a
 * key restricted to a web site and used over HTTP), and what a project's viewer can and cannot do.
 * Every page visited is saved as a screenshot under {@code target/screenshots/} for docs/CONSOLE.md.
 */
@ExtendWith(BrowserSupport.RequiresChromium.class)
class ConsoleBrowserTest extends EndToEnd {
    static final String PASSWORD = "correct horse battery";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    BrowserSupport.Chromium chromium;
    ChromeDriver chrome;

    @BeforeAll
    void browser() throws IOException {
        Files.createDirectories(SCREENSHOTS);
        chromium = BrowserSupport.start(true);
        chrome = chromium.driver;
    }

    @AfterAll
    void closeBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void signedOutBrowser() {
        BrowserSupport.clearCookies(chrome);
    }

    String url(String path) {
        return server.baseUrl() + path;
    }

    /** A person with a verified address, made by the administrator: the console's projects need one. */
    String newPerson() {
        return createVerifiedPerson("c", PASSWORD);
    }

    /** Saves the page as a screenshot, after axe-core found nothing wrong with its accessibility. */
    void screenshot(String name) throws IOException {
        ConsolePages.screenshot(chrome, name);
    }

    void clickLink(String text) {
        ConsolePages.clickLink(chrome, text);
    }

    /** Waits for the page's status line to say {@code expected}: the page after a form may take a moment to replace this one. */
    void expectStatus(String expected) {
        ConsolePages.expectStatus(chrome, expected);
    }

    List<String> buttons() {
        var labels = new ArrayList<String>();
        // The page's own buttons: the header's project picker changes nothing.
        chrome.findElements(By.cssSelector("main button")).stream().filter(WebElement::isDisplayed).forEach(b -> labels.add(b.getText()));
        chrome.findElements(By.cssSelector("main a.button")).forEach(a -> labels.add(a.getText()));
        return labels;
    }

    Http.Response callPosts(String key, String referrer) {
        return http.get("/posts/v1/people/someone@example.com/posts?key=" + key, "Referer", referrer);
    }

    @Test
    void newPersonCreatesAProjectEnablesPostsAndCallsItWithAKeyRestrictedToTheirSite() throws IOException {
        String email = newPerson();
        chrome.get(url("/"));
        signIn(chrome, email, PASSWORD);
        waitForHeading(chrome, "Your projects");
        assertThat(chrome.getCurrentUrl()).isEqualTo(url("/"));
        assertThat(visibleText(chrome)).contains("You have no projects yet").contains(email);
        screenshot("01-home-empty");

        clickLink("New project");
        waitForHeading(chrome, "New project");
        type(chrome, "project-id", "No Capitals");
        click(chrome, "Create");
        WebElement error = waitFor(chrome, d -> d.findElements(By.id("form-error")).stream().findFirst().orElse(null), "the form's error");
        assertThat(error.getText()).startsWith("Invalid project id");
        screenshot("02-new-project-refused");

        String projectId = "first-" + UUID.randomUUID().toString().substring(0, 8);
        type(chrome, "project-id", projectId);
        type(chrome, "display-name", "My first app");
        click(chrome, "Create");
        waitForHeading(chrome, "My first app");
        expectStatus("Project " + projectId + " was created.");
        assertThat(chrome.findElement(By.id("access")).getText()).isEqualTo("You can change this project.");
        screenshot("03-project-overview");

        clickLink("API Library");
        waitForHeading(chrome, "API Library");
        assertThat(visibleText(chrome)).contains("Posts API").contains("Calendar API");
        chrome.findElement(By.cssSelector("#api-posts summary")).click();
        assertThat(visibleText(chrome)).contains("posts.people.posts.list").contains("See your posts")
                .contains("600 requests per minute per project").contains("1000 free calls per month");
        screenshot("04-api-library");
        click(chrome, "Enable Posts API");
        expectStatus("The API posts is enabled for this project.");
        assertThat(chrome.findElement(By.cssSelector("#api-posts .status")).getText()).isEqualTo("Enabled");

        clickLink("Credentials");
        waitForHeading(chrome, "Credentials");
        assertThat(visibleText(chrome)).contains("This project has no API keys.");
        screenshot("05-credentials-empty");
        type(chrome, "key-name", "Web key");
        click(chrome, "Create API key");
        waitForHeading(chrome, "API key created");
        String key = chrome.findElement(By.id("key-string")).getAttribute("value");
        assertThat(key).startsWith("tgk_");
        assertThat(chrome.findElement(By.cssSelector("button.copy")).isDisplayed()).as("the copy button, shown by the script").isTrue();
        screenshot("06-key-created");
        assertThat(callPosts(key, "https://evil.example.net/").status()).as("unrestricted, the key works from any site").isEqualTo(200);

        clickLink("Restrict the key");
        waitForHeading(chrome, "API key Web key");
        assertThat(chrome.findElements(By.id("unrestricted"))).as("the unrestricted-key warning").hasSize(1);
        screenshot("07-key-unrestricted");
        chrome.findElement(By.id("app-referrers")).click();
        type(chrome, "referrers", "https://app.example.com/*");
        chrome.findElement(By.id("apis-restrict")).click();
        click(chrome, "Save");
        assertThat(waitFor(chrome, d -> d.findElements(By.id("form-error")).stream().findFirst().orElse(null), "the form's error").getText())
                .isEqualTo("Choose at least one API the key may call, or let it call every API.");
        assertThat(chrome.findElement(By.id("referrers")).getAttribute("value")).as("what was typed stays").isEqualTo("https://app.example.com/*");
        chrome.findElement(By.id("api-posts")).click();
        click(chrome, "Save");
        expectStatus("The key was saved.");
        assertThat(chrome.findElements(By.id("unrestricted"))).isEmpty();
        assertThat(chrome.findElement(By.id("referrers")).getAttribute("value")).isEqualTo("https://app.example.com/*");
        screenshot("08-key-restricted");

        Http.Response allowed = callPosts(key, "https://app.example.com/page.html");
        assertThat(allowed.status()).as(allowed.toString()).isEqualTo(200);
        Http.Response refused = callPosts(key, "https://evil.example.net/");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.body()).contains("API_KEY_HTTP_REFERRER_BLOCKED");

        dashboardShowsTheCalls();

        clickLink("Credentials");
        waitForHeading(chrome, "Credentials");
        assertThat(visibleText(chrome)).contains("Web key").contains("HTTP referrers, 1 API");
        screenshot("10-credentials");

        clickLink("Web key");
        waitForHeading(chrome, "API key Web key");
        clickLink("Delete the key");
        waitForHeading(chrome, "Delete the API key Web key?");
        screenshot("11-delete-key-confirmation");
        click(chrome, "Delete the key");
        waitForHeading(chrome, "Credentials");
        expectStatus("The API key was deleted.");

        createServiceAccountWithAKeyFile(projectId);
        createWebOAuthClient(projectId);

        JsonNode log = http.getWithToken("/admin/v1/projects/" + projectId + "/auditLogs", adminToken).json();
        List<String> methods = new ArrayList<>();
        log.get("auditLogs").forEach(e -> methods.add(e.get("method").asText() + " by " + e.get("actor").path("email").asText()));
        assertThat(methods).as("the console's changes, in the audit log as the person's").contains(
                "projects.create by " + email, "projects.services.enable by " + email, "projects.keys.create by " + email,
                "projects.keys.update by " + email, "projects.keys.delete by " + email, "projects.serviceAccounts.create by " + email,
                "projects.serviceAccounts.keys.create by " + email, "projects.serviceAccounts.disable by " + email,
                "projects.serviceAccounts.enable by " + email, "projects.oauthClients.create by " + email);
    }

    /** The three calls just made with the key (two allowed, one refused) on the dashboard, as the ledger recorded them. */
    void dashboardShowsTheCalls() throws IOException {
        clickLink("Dashboard");
        waitForHeading(chrome, "Dashboard");
        waitFor(chrome, d -> {
            String calls = d.findElement(By.cssSelector("#totals-posts td:nth-of-type(2)")).getText();
            if (!calls.equals("3")) {
                d.navigate().refresh(); // the ledger is filled from the journal within a second or so
                return null;
            }
            return calls;
        }, "the dashboard to count the 3 calls to the Posts API");
        assertThat(chrome.findElement(By.cssSelector("#totals-posts td:nth-of-type(4)")).getText()).as("client errors")
                .isEqualTo("33.3 %");
        assertThat(chrome.findElement(By.cssSelector("#totals-posts td:nth-of-type(6)")).getText()).as("median latency").endsWith(" ms");
        assertThat(chartDrawn()).as("Chart.js drew the traffic chart").isTrue();
        screenshot("09-dashboard");

        chrome.findElement(By.linkText("7 days")).click();
        waitFor(chrome, d -> d.findElement(By.id("range-summary")).getText().equals("3 calls in the last 7 days."), "the 7-day range");
        assertThat(chrome.getCurrentUrl()).as("htmx swapped the dashboard in place and pushed its address").endsWith("/dashboard?range=7d");
        waitFor(chrome, d -> chartDrawn() ? true : null, "the chart drawn again for the new range");
        assertThat(BrowserSupport.console(chrome)).as("no script or style refused by the Content-Security-Policy")
                .doesNotContainIgnoringCase("Content Security Policy");
    }

    boolean chartDrawn() {
        return Boolean.TRUE.equals(chrome.executeScript("var c = document.getElementById('traffic-chart');"
                + " return !!(window.Chart && c && Chart.getChart(c));"));
    }

    /** From the credentials page: a service account, its key file used for a token, disabled and enabled again. */
    void createServiceAccountWithAKeyFile(String projectId) throws IOException {
        clickLink("Create service account");
        waitForHeading(chrome, "Create service account");
        screenshot("12-new-service-account");
        type(chrome, "account-id", "poster-bot");
        type(chrome, "account-name", "Poster bot");
        click(chrome, "Create service account");
        waitForHeading(chrome, "Service account Poster bot");
        String email = "poster-bot@" + projectId + ".iam";
        expectStatus("The service account " + email + " was created. Add a key to let a program act as it.");
        assertThat(visibleText(chrome)).contains("This account has no keys.");
        click(chrome, "Add key");
        waitForHeading(chrome, "Key created");
        WebElement download = chrome.findElement(By.id("download"));
        assertThat(download.getAttribute("download")).startsWith(projectId + "-").endsWith(".json");
        String href = download.getAttribute("href");
        assertThat(href).startsWith("data:application/json;base64,");
        screenshot("13-service-account-key-created");
        KeyFiles.KeyFile keyFile = KeyFiles.fromPrivateKeyData(href.substring(href.indexOf(',') + 1));
        String token = keyFile.accessToken(http, "posts");
        Http.Response post = http.postJson("/posts/v1/people/me/posts", token, Map.of("content", "Hello from the console", "visibility", "public"));
        assertThat(post.status()).as(post.toString()).isEqualTo(200);

        clickLink("Back to the service account");
        waitForHeading(chrome, "Service account Poster bot");
        assertThat(chrome.findElements(By.cssSelector("table tbody tr"))).hasSize(1);
        screenshot("14-service-account");
        clickLink("Disable the service account");
        waitForHeading(chrome, "Disable " + email + "?");
        screenshot("15-disable-service-account-confirmation");
        click(chrome, "Disable the service account");
        expectStatus("The service account is disabled: its keys and tokens are refused.");
        assertThat(chrome.findElement(By.id("account-status")).getText()).isEqualTo("Disabled");
        Http.Response refused = http.postForm("/token", Map.of("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer",
                "assertion", keyFile.assertion("posts", c -> { })));
        assertThat(refused.status()).as("a disabled account's key: " + refused).isNotEqualTo(200);
        click(chrome, "Enable the service account");
        expectStatus("The service account is enabled.");
        assertThat(keyFile.accessToken(http, "posts")).isNotBlank();
        clickLink("Credentials");
        waitForHeading(chrome, "Credentials");
    }

    /** From the credentials page: a web application's client, whose client_secret.json is offered once. */
    void createWebOAuthClient(String projectId) throws IOException {
        clickLink("Create OAuth client ID");
        waitForHeading(chrome, "Create OAuth client ID");
        type(chrome, "client-name", "Web app");
        type(chrome, "redirect-uris", "not a uri");
        click(chrome, "Create OAuth client");
        assertThat(waitFor(chrome, d -> d.findElements(By.id("form-error")).stream().findFirst().orElse(null), "the form's error").getText())
                .isNotBlank();
        assertThat(chrome.findElement(By.id("client-name")).getAttribute("value")).as("what was typed stays").isEqualTo("Web app");
        screenshot("16-new-oauth-client-refused");
        type(chrome, "redirect-uris", "https://app.example.com/oauth2callback");
        type(chrome, "javascript-origins", "https://app.example.com");
        click(chrome, "Create OAuth client");
        waitForHeading(chrome, "OAuth client created");
        screenshot("17-oauth-client-created");
        WebElement download = chrome.findElement(By.id("download"));
        String href = download.getAttribute("href");
        JsonNode file = Http.JSON.readTree(java.util.Base64.getDecoder().decode(href.substring(href.indexOf(',') + 1)));
        String clientId = file.path("web").path("client_id").asText();
        assertThat(download.getAttribute("download")).isEqualTo("client_secret_" + clientId + ".json");
        assertThat(file.path("web").path("project_id").asText()).isEqualTo(projectId);
        assertThat(file.path("web").path("redirect_uris").get(0).asText()).isEqualTo("https://app.example.com/oauth2callback");
        assertThat(visibleText(chrome)).contains(clientId).contains(file.path("web").path("client_secret").asText());
        clickLink("See the client");
        waitForHeading(chrome, "OAuth client Web app");
        assertThat(visibleText(chrome)).contains("https://app.example.com/oauth2callback").contains("https://app.example.com");
        screenshot("18-oauth-client");
        clickLink("Credentials");
        waitForHeading(chrome, "Credentials");
        assertThat(visibleText(chrome)).contains("Web app").contains("Web application").contains("poster-bot@" + projectId + ".iam");
        screenshot("19-credentials-all");
    }

    @Test
    void viewerSeesNoButtonsThatChangeThingsAndAForgedFormIsRefused() throws IOException {
        String projectId = createProject(adminToken);
        enable(adminToken, projectId, "posts");
        String keyId = createKey(adminToken, projectId, Map.of("displayName", "Server key")).get("keyId").asText();
        String account = createServiceAccount(adminToken, projectId, "viewed-bot").email();
        String viewer = newPerson();
        Http.Response member = http.postJson("/admin/v1/projects/" + projectId + "/members", adminToken,
                Map.of("member", "user:" + viewer, "role", "viewer"));
        assertThat(member.status()).as(member.toString()).isEqualTo(200);

        chrome.get(url("/"));
        signIn(chrome, viewer, PASSWORD);
        waitForHeading(chrome, "Your projects");
        screenshot("20-home");
        clickLink("Test " + projectId);
        assertThat(chrome.findElement(By.id("access")).getText()).isEqualTo("You can view this project, but not change it.");
        clickLink("API Library");
        waitForHeading(chrome, "API Library");
        assertThat(chrome.findElement(By.cssSelector("#api-posts .status")).getText()).isEqualTo("Enabled");
        assertThat(buttons()).as("no enable or disable for a viewer").isEmpty();
        screenshot("21-api-library-viewer");
        clickLink("Credentials");
        waitForHeading(chrome, "Credentials");
        assertThat(buttons()).as("no create for a viewer").isEmpty();
        clickLink(account);
        waitForHeading(chrome, "Service account " + account);
        assertThat(buttons()).as("no disable or add key for a viewer").isEmpty();
        chrome.navigate().back();
        waitForHeading(chrome, "Credentials");
        clickLink("Server key");
        waitForHeading(chrome, "API key Server key");
        assertThat(buttons()).as("no save or delete for a viewer").isEmpty();
        assertThat(chrome.findElement(By.id("referrers")).isEnabled()).isFalse();
        screenshot("22-key-viewer");

        var browser = new Browser(server.baseUrl());
        Http.Response accountPage = browser.follow(browser.signIn(browser.get("/account"), viewer, PASSWORD));
        String csrf = Browser.csrfToken(accountPage).orElseThrow();
        String base = "/console/projects/" + projectId;
        for (String action : List.of(base + "/keys", base + "/keys/" + keyId + "/delete", base + "/apis/posts/disable",
                base + "/apis/calendar/enable", base + "/keys/" + keyId, base + "/serviceAccounts/" + account + "/keys",
                base + "/serviceAccounts/" + account + "/disable", base + "/oauthClients", base + "/serviceAccounts")) {
            Http.Response forged = browser.post(action, Map.of("csrf_token", csrf, "app_restriction", "ips", "ips", "10.0.0.1",
                    "type", "web", "account_id", "forged-bot"));
            assertThat(forged.status()).as("POST " + action + " by a viewer: " + forged).isEqualTo(403);
            assertThat(forged.body()).contains("Not allowed");
        }
        for (String confirmation : List.of(base + "/keys/" + keyId + "/delete", base + "/apis/posts/disable",
                base + "/serviceAccounts/" + account + "/disable", base + "/serviceAccounts/new", base + "/oauthClients/new")) {
            assertThat(browser.get(confirmation).status()).as("GET " + confirmation + " by a viewer").isEqualTo(403);
        }
        assertThat(http.getWithToken("/admin/v1/projects/" + projectId + "/keys/" + keyId, adminToken).json()
                .path("restrictions").path("allowedIps").size()).as("the key is unchanged").isZero();

        Http.Response withoutToken = browser.post(base + "/keys", Map.of());
        assertThat(withoutToken.status()).as("a form without the CSRF token").isEqualTo(403);
    }

    @Test
    void signedOutVisitorOfTheConsoleIsSentToSignInAndTheConsolePagesForbidFraming() {
        Http.Response home = http.get("/");
        assertThat(home.status()).isEqualTo(302);
        assertThat(home.header("Location")).isEqualTo("/signin?continue=%2F");
        var browser = new Browser(server.baseUrl());
        Http.Response page = browser.follow(browser.signIn(browser.get("/"), newPerson(), PASSWORD));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy")).isEqualTo("default-src 'self'; frame-ancestors 'none'; form-action 'self'");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.body()).doesNotContain("<script>").doesNotContain("style=");
    }
}
