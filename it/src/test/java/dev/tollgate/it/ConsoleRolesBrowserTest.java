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
import java.security.KeyPairGenerator;
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
 * The console's pages of members (IAM), activity, OAuth client and service account changes and
 * platform administration in a real browser, and what owners, editors and viewers each see and may
 * do there. Every page visited is checked with axe-core and saved as a screenshot.
 */
@ExtendWith(BrowserSupport.RequiresChromium.class)
class ConsoleRolesBrowserTest extends EndToEnd {
    static final String PASSWORD = ConsoleBrowserTest.PASSWORD;

    BrowserSupport.Chromium chromium;
    ChromeDriver chrome;

    @BeforeAll
    void browser() throws IOException {
        Files.createDirectories(ConsoleBrowserTest.SCREENSHOTS);
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

    /** The page's buttons and button-like links, outside the header's project picker. */
    List<String> buttons() {
        var labels = new ArrayList<String>();
        chrome.findElements(By.cssSelector("main button")).stream().filter(WebElement::isDisplayed).forEach(b -> labels.add(b.getText()));
        chrome.findElements(By.cssSelector("main a.button")).forEach(a -> labels.add(a.getText()));
        return labels;
    }

    WebElement memberRow(String email) {
        return chrome.findElement(By.xpath("//main//tr[td[1][normalize-space()='" + email + "']]"));
    }

    void addMember(String email, String role) {
        type(chrome, "new-member", email);
        new Select(chrome.findElement(By.id("new-role"))).selectByValue(role);
        click(chrome, "Add member");
        expectStatus("The member's role was saved.");
    }

    void openProject(String projectId) {
        chrome.get(url("/console/projects/" + projectId));
        waitFor(chrome, d -> d.findElements(By.id("access")).isEmpty() ? null : true, "the project's overview");
    }

    static String pem() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----";
    }

    @Test
    void ownerManagesMembersKeepsAnOwnerAndReadsTheActivity() throws IOException {
        String owner = createVerifiedPerson("owner", PASSWORD);
        String editor = createVerifiedPerson("editor", PASSWORD);
        String leaving = createVerifiedPerson("leaving", PASSWORD);

        chrome.get(url("/signin"));
        signIn(chrome, owner, PASSWORD);
        waitForHeading(chrome, "Your projects");
        assertThat(chrome.getCurrentUrl()).as("signing in without a continue address lands on the console").isEqualTo(url("/"));
        clickLink("New project");
        waitForHeading(chrome, "New project");
        String projectId = "team-" + UUID.randomUUID().toString().substring(0, 8);
        type(chrome, "project-id", projectId);
        type(chrome, "display-name", "Team app");
        click(chrome, "Create");
        waitForHeading(chrome, "Team app");
        String other = createProject(adminToken);
        http.postJson("/admin/v1/projects/" + other + "/members", adminToken, Map.of("member", "user:" + owner, "role", "viewer"));
        chrome.navigate().refresh();
        waitForHeading(chrome, "Team app");
        Select picker = new Select(chrome.findElement(By.id("project-picker")));
        assertThat(picker.getFirstSelectedOption().getAttribute("value")).isEqualTo(projectId);
        picker.selectByValue(other);
        click(chrome, "Open");
        waitForHeading(chrome, "Test " + other);
        assertThat(chrome.getCurrentUrl()).isEqualTo(url("/console/projects/" + other));
        screenshot("30-project-picker");
        new Select(chrome.findElement(By.id("project-picker"))).selectByValue(projectId);
        click(chrome, "Open");
        waitForHeading(chrome, "Team app");

        clickLink("IAM");
        waitForHeading(chrome, "IAM");
        assertThat(memberRow(owner).findElement(By.cssSelector(".role")).getText()).isEqualTo("owner");
        assertThat(visibleText(chrome)).contains("Add, change and remove members");
        addMember(editor, "editor");
        addMember(leaving, "editor");
        assertThat(memberRow(editor).findElement(By.cssSelector(".role")).getText()).isEqualTo("editor");
        screenshot("31-iam-owner");

        new Select(memberRow(owner).findElement(By.tagName("select"))).selectByValue("viewer");
        memberRow(owner).findElement(By.tagName("button")).click();
        assertThat(formError()).isEqualTo("A project keeps at least one owner: make another member owner first.");
        assertThat(memberRow(owner).findElement(By.cssSelector(".role")).getText()).isEqualTo("owner");
        memberRow(owner).findElement(By.partialLinkText("Remove")).click();
        waitForHeading(chrome, "Remove " + owner + " from the project?");
        click(chrome, "Remove the member");
        assertThat(formError()).as("the last owner stays").isEqualTo("A project keeps at least one owner: make another member owner first.");

        new Select(memberRow(leaving).findElement(By.tagName("select"))).selectByValue("viewer");
        memberRow(leaving).findElement(By.tagName("button")).click();
        expectStatus("The member's role was saved.");
        assertThat(memberRow(leaving).findElement(By.cssSelector(".role")).getText()).isEqualTo("viewer");
        memberRow(leaving).findElement(By.partialLinkText("Remove")).click();
        waitForHeading(chrome, "Remove " + leaving + " from the project?");
        screenshot("32-remove-member-confirmation");
        click(chrome, "Remove the member");
        expectStatus("The member was removed from the project.");
        assertThat(visibleText(chrome)).doesNotContain(leaving);
        JsonNode members = http.getWithToken("/admin/v1/projects/" + projectId + "/members", adminToken).json().get("members");
        assertThat(members).hasSize(2);

        clickLink("Activity");
        waitForHeading(chrome, "Activity");
        String activity = visibleText(chrome);
        assertThat(activity).contains("projects.create").contains("projects.members.set").contains("projects.members.delete")
                .contains("projects/" + projectId + "/members/user:" + editor).contains("Refused: FAILED_PRECONDITION").contains(owner);
        screenshot("33-activity");

        BrowserSupport.clearCookies(chrome);
        chrome.get(url("/console/projects/" + projectId + "/iam"));
        signIn(chrome, editor, PASSWORD);
        waitForHeading(chrome, "IAM");
        assertThat(chrome.findElement(By.id("iam-access")).getText()).isEqualTo("Only the project's owners can add, change or remove members.");
        assertThat(buttons()).as("an editor changes no members").isEmpty();
        assertThat(chrome.findElements(By.id("new-member"))).isEmpty();
        screenshot("34-iam-editor");
        clickLink("Activity");
        waitForHeading(chrome, "Activity");
        assertThat(chrome.findElement(By.id("activity-access")).getText()).startsWith("Only the project's owners can read its activity.");

        var browser = new Browser(server.baseUrl());
        String csrf = Browser.csrfToken(browser.follow(browser.signIn(browser.get("/account"), editor, PASSWORD))).orElseThrow();
        Http.Response forged = browser.post("/console/projects/" + projectId + "/iam", Map.of("csrf_token", csrf, "member", editor, "role", "owner"));
        assertThat(forged.status()).as("an editor making themselves owner: " + forged).isEqualTo(403);
        assertThat(forged.body()).contains("Not allowed");
        assertThat(browser.post("/console/projects/" + projectId + "/iam/user:" + owner + "/remove", Map.of("csrf_token", csrf)).status())
                .as("an editor removing the owner").isEqualTo(403);
        assertThat(browser.get("/console/projects/" + projectId + "/iam/user:" + owner + "/remove").status()).isEqualTo(403);
        assertThat(http.getWithToken("/admin/v1/projects/" + projectId + "/members", adminToken).json().get("members")).hasSize(2);
    }

    @Test
    void editorChangesAnOAuthClientAndAServiceAccountsKeysWhileAViewerCannot() throws Exception {
        String projectId = createProject(adminToken);
        String editor = createVerifiedPerson("editor", PASSWORD);
        String viewer = createVerifiedPerson("viewer", PASSWORD);
        for (var grant : Map.of(editor, "editor", viewer, "viewer").entrySet()) {
            Http.Response r = http.postJson("/admin/v1/projects/" + projectId + "/members", adminToken,
                    Map.of("member", "user:" + grant.getKey(), "role", grant.getValue()));
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
        }
        JsonNode created = http.postJson("/admin/v1/projects/" + projectId + "/oauthClients", adminToken, Map.of("type", "web",
                "displayName", "Shop", "redirectUris", List.of("https://shop.example.com/old"))).json();
        String clientId = created.get("clientId").asText();
        KeyFiles.KeyFile keyFile = createServiceAccount(adminToken, projectId, "worker");
        String account = "worker@" + projectId + ".iam";
        String base = "/console/projects/" + projectId;
        String clientApi = "/admin/v1/projects/" + projectId + "/oauthClients/" + clientId;

        chrome.get(url(base + "/oauthClients/" + clientId));
        signIn(chrome, editor, PASSWORD);
        waitForHeading(chrome, "OAuth client Shop");
        type(chrome, "redirect-uris", "https://shop.example.com/new\nhttp://shop.example.com/plain");
        click(chrome, "Save");
        assertThat(formError()).isEqualTo("redirectUris: http://shop.example.com/plain must use https (http only for localhost).");
        assertThat(chrome.findElement(By.id("redirect-uris")).getAttribute("value")).as("what was typed stays")
                .contains("http://shop.example.com/plain");
        screenshot("35-oauth-client-refused");
        type(chrome, "redirect-uris", "https://shop.example.com/new\nhttps://shop.example.com/other");
        type(chrome, "javascript-origins", "https://shop.example.com");
        click(chrome, "Save");
        expectStatus("The client was saved.");
        JsonNode client = http.getWithToken(clientApi, adminToken).json();
        assertThat(client.get("redirectUris")).extracting(JsonNode::asText)
                .containsExactly("https://shop.example.com/new", "https://shop.example.com/other");
        assertThat(client.get("javascriptOrigins")).extracting(JsonNode::asText).containsExactly("https://shop.example.com");

        click(chrome, "Add secret");
        waitForHeading(chrome, "Client secret added");
        String secret = chrome.findElement(By.id("client-secret")).getAttribute("value");
        assertThat(secret).isNotBlank();
        screenshot("36-client-secret-added");
        clickLink("Back to the client");
        waitForHeading(chrome, "OAuth client Shop");
        JsonNode secrets = http.getWithToken(clientApi + "/secrets", adminToken).json().get("secrets");
        assertThat(secrets).hasSize(2);
        String first = secrets.get(0).get("secretId").asText();
        screenshot("37-oauth-client-editor");
        chrome.findElement(By.xpath("//main//tr[td[1][normalize-space()='" + first + "']]//a")).click();
        waitForHeading(chrome, "Delete the secret " + first + "?");
        click(chrome, "Delete the secret");
        expectStatus("The secret was deleted: it no longer works.");
        assertThat(http.getWithToken(clientApi + "/secrets", adminToken).json().get("secrets")).extracting(s -> s.get("secretId").asText())
                .doesNotContain(first).hasSize(1);

        chrome.get(url(base + "/serviceAccounts/" + account));
        waitForHeading(chrome, "Service account " + account);
        type(chrome, "public-key", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----");
        click(chrome, "Upload key");
        assertThat(formError()).isNotBlank();
        type(chrome, "public-key", pem());
        click(chrome, "Upload key");
        WebElement uploadedNotice = waitFor(chrome, d -> d.findElements(By.cssSelector("[role=status].notice")).stream()
                .filter(e -> e.getText().startsWith("The public key was uploaded as key ")).findFirst().orElse(null), "the upload's notice");
        String uploaded = uploadedNotice.getText().replace("The public key was uploaded as key ", "").replace(".", "");
        assertThat(chrome.findElement(By.cssSelector("#key-" + uploaded + " td:nth-of-type(3)")).getText()).isEqualTo("Uploaded");
        screenshot("38-service-account-keys");

        String generated = keyFile.keyId();
        chrome.findElement(By.cssSelector("#key-" + generated)).findElement(By.partialLinkText("Disable")).click();
        waitForHeading(chrome, "Disable the key " + generated + "?");
        click(chrome, "Disable the key");
        expectStatus("The key " + generated + " is disabled.");
        assertThat(chrome.findElement(By.cssSelector("#key-" + generated + " .key-status")).getText()).isEqualTo("Disabled");
        Http.Response refused = http.postForm("/token", Map.of("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer",
                "assertion", keyFile.assertion("posts", c -> { })));
        assertThat(refused.status()).as("a disabled key's assertion: " + refused).isNotEqualTo(200);
        chrome.findElement(By.cssSelector("#key-" + generated)).findElement(By.tagName("button")).click();
        expectStatus("The key " + generated + " is enabled.");
        chrome.findElement(By.cssSelector("#key-" + uploaded)).findElement(By.partialLinkText("Delete")).click();
        waitForHeading(chrome, "Delete the key " + uploaded + "?");
        click(chrome, "Delete the key");
        expectStatus("The key " + uploaded + " was deleted.");
        assertThat(chrome.findElements(By.id("key-" + uploaded))).isEmpty();

        BrowserSupport.clearCookies(chrome);
        chrome.get(url(base + "/oauthClients/" + clientId));
        signIn(chrome, viewer, PASSWORD);
        waitForHeading(chrome, "OAuth client Shop");
        assertThat(buttons()).as("a viewer changes no client").isEmpty();
        assertThat(visibleText(chrome)).contains("https://shop.example.com/new");
        screenshot("39-oauth-client-viewer");
        chrome.get(url(base + "/serviceAccounts/" + account));
        waitForHeading(chrome, "Service account " + account);
        assertThat(buttons()).as("a viewer changes no service account").isEmpty();
        assertThat(chrome.findElements(By.id("public-key"))).isEmpty();
        clickLink("IAM");
        waitForHeading(chrome, "IAM");
        assertThat(buttons()).isEmpty();

        var browser = new Browser(server.baseUrl());
        String csrf = Browser.csrfToken(browser.follow(browser.signIn(browser.get("/account"), viewer, PASSWORD))).orElseThrow();
        String sa = base + "/serviceAccounts/" + account;
        String secretId = http.getWithToken(clientApi + "/secrets", adminToken).json().get("secrets").get(0).get("secretId").asText();
        for (String action : List.of(base + "/oauthClients/" + clientId, base + "/oauthClients/" + clientId + "/secrets",
                base + "/oauthClients/" + clientId + "/secrets/" + secretId + "/delete", sa + "/keys/upload", sa + "/keys/" + generated + "/disable",
                sa + "/keys/" + generated + "/enable", sa + "/keys/" + generated + "/delete", sa + "/delete", base + "/iam")) {
            Http.Response forged = browser.post(action, Map.of("csrf_token", csrf, "redirect_uris", "https://evil.example/cb",
                    "public_key", pem(), "member", viewer, "role", "owner"));
            assertThat(forged.status()).as("POST " + action + " by a viewer: " + forged).isEqualTo(403);
            assertThat(forged.body()).contains("Not allowed");
        }
        for (String confirmation : List.of(base + "/oauthClients/" + clientId + "/secrets/" + secretId + "/delete", sa + "/keys/" + generated + "/delete",
                sa + "/keys/" + generated + "/disable", sa + "/delete")) {
            assertThat(browser.get(confirmation).status()).as("GET " + confirmation + " by a viewer").isEqualTo(403);
        }
        assertThat(http.getWithToken(clientApi, adminToken).json().get("redirectUris")).hasSize(2);
        assertThat(http.getWithToken("/admin/v1/projects/" + projectId + "/serviceAccounts/" + account + "/keys", adminToken).json()
                .get("keys")).hasSize(1);

        BrowserSupport.clearCookies(chrome);
        chrome.get(url(sa));
        signIn(chrome, editor, PASSWORD);
        waitForHeading(chrome, "Service account " + account);
        clickLink("Delete the service account");
        waitForHeading(chrome, "Delete the service account " + account + "?");
        screenshot("40-delete-service-account-confirmation");
        click(chrome, "Delete the service account");
        waitForHeading(chrome, "Credentials");
        expectStatus("The service account was deleted.");
        assertThat(http.getWithToken("/admin/v1/projects/" + projectId + "/serviceAccounts/" + account, adminToken).status()).isEqualTo(404);

        JsonNode log = http.getWithToken("/admin/v1/projects/" + projectId + "/auditLogs", adminToken).json();
        List<String> methods = new ArrayList<>();
        log.get("auditLogs").forEach(e -> methods.add(e.get("method").asText() + " by " + e.get("actor").path("email").asText()));
        assertThat(methods).contains("projects.oauthClients.update by " + editor, "projects.oauthClients.secrets.create by " + editor,
                "projects.oauthClients.secrets.delete by " + editor, "projects.serviceAccounts.keys.upload by " + editor,
                "projects.serviceAccounts.keys.disable by " + editor, "projects.serviceAccounts.keys.enable by " + editor,
                "projects.serviceAccounts.keys.delete by " + editor, "projects.serviceAccounts.delete by " + editor,
                "projects.oauthClients.update by " + viewer);
    }

    @Test
    void platformAdministratorSeesEveryProjectCreatesDisablesAndEnablesAPersonAndReadsTheSignUpSetting() throws IOException {
        String projectId = createProject(adminToken);
        String someone = createVerifiedPerson("someone", PASSWORD);
        var outsider = new Browser(server.baseUrl());
        outsider.follow(outsider.signIn(outsider.get("/account"), someone, PASSWORD));
        assertThat(outsider.get("/console/admin").status()).as("a person who is no administrator").isEqualTo(403);
        String csrf = Browser.csrfToken(outsider.get("/account")).orElseThrow();
        assertThat(outsider.post("/console/admin/people", Map.of("csrf_token", csrf, "email", "forged@example.com", "password", PASSWORD,
                "verified", "yes")).status()).isEqualTo(403);

        chrome.get(url("/signin"));
        signIn(chrome, "admin@localhost", server.adminPassword());
        waitForHeading(chrome, "Your projects");
        clickLink("Platform administration");
        waitForHeading(chrome, "Platform administration");
        assertThat(chrome.findElement(By.id("signup-setting")).getText()).startsWith("Sign-up is open");
        assertThat(visibleText(chrome)).contains(projectId).contains("start-up option");
        String person = "made-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        type(chrome, "person-email", person);
        type(chrome, "person-password", "short");
        click(chrome, "Create person");
        assertThat(formError()).isNotBlank();
        assertThat(chrome.findElement(By.id("person-email")).getAttribute("value")).isEqualTo(person);
        type(chrome, "person-password", PASSWORD);
        click(chrome, "Create person");
        expectStatus("The account " + person + " was created, with its address verified.");
        screenshot("41-platform-administration");

        var made = new Browser(server.baseUrl());
        Http.Response signedIn = made.signIn(made.get("/signin"), person, PASSWORD);
        assertThat(signedIn.header("Location")).as("the new person signs in, to the console").isEqualTo("/");

        clickLink("People: every account, disable or enable one");
        waitForHeading(chrome, "People");
        assertThat(chrome.findElement(By.xpath("//main//tr[td[1][normalize-space()='admin@localhost']]")).getText()).contains("Your account");
        WebElement row = chrome.findElement(By.xpath("//main//tr[td[1][normalize-space()='" + person + "']]"));
        assertThat(row.getText()).contains("Verified").contains("Enabled");
        screenshot("42-people");
        row.findElement(By.partialLinkText("Disable")).click();
        waitForHeading(chrome, "Disable the account " + person + "?");
        screenshot("43-disable-person-confirmation");
        click(chrome, "Disable the account");
        expectStatus("The account " + person + " is disabled: it cannot sign in, and its sessions and tokens ended.");
        assertThat(chrome.findElement(By.xpath("//main//tr[td[1][normalize-space()='" + person + "']]//td[@class='person-status']")).getText())
                .isEqualTo("Disabled");
        assertThat(made.get("/account").status()).as("the person's session ended").isEqualTo(302);
        var refusedBrowser = new Browser(server.baseUrl());
        Http.Response refused = refusedBrowser.signIn(refusedBrowser.get("/signin"), person, PASSWORD);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("This account is disabled.");
        chrome.findElement(By.xpath("//main//tr[td[1][normalize-space()='" + person + "']]//button")).click();
        expectStatus("The account " + person + " is enabled.");
        var again = new Browser(server.baseUrl());
        assertThat(again.signIn(again.get("/signin"), person, PASSWORD).status()).isEqualTo(303);
        assertThat(outsider.get("/console/admin/people").status()).as("the list, for a person who is no administrator").isEqualTo(403);
        assertThat(outsider.post("/console/admin/people/" + person + "/disable", Map.of("csrf_token", csrf)).status()).isEqualTo(403);
        JsonNode log = http.getWithToken("/admin/v1/auditLogs?pageSize=1000&start=" + java.time.Instant.now().minusSeconds(600), adminToken).json();
        List<String> entries = new ArrayList<>();
        log.get("auditLogs").forEach(e -> entries.add(e.get("method").asText() + " " + e.get("resource").asText() + " by "
                + e.get("actor").path("email").asText()));
        assertThat(entries).contains("users.create users/" + person + " by admin@localhost", "users.disable users/" + person + " by admin@localhost",
                "users.enable users/" + person + " by admin@localhost");
    }
}
