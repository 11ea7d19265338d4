package dev.tollgate.it;

import static dev.tollgate.it.BrowserSupport.click;
import static dev.tollgate.it.BrowserSupport.signIn;
import static dev.tollgate.it.BrowserSupport.waitFor;
import static dev.tollgate.it.BrowserSupport.waitForHeading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.client.ApplicationDefaultCredentials;
import dev.tollgate.client.CredentialOptions;
import dev.tollgate.client.OAuth2Credentials;
import dev.tollgate.client.TokenRequestException;
import dev.tollgate.client.TollgateClient;
import dev.tollgate.protocol.Scopes;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A person signs the command line in with a real browser: {@code tollgate auth login} (loopback and PKCE with
 * the built-in CLI client, which may ask for the admin scope), {@code --no-browser} approved on the device page,
 * which warns about the admin scope, and {@code auth application-default login}, whose file the client
 * library reads.
 */
@ExtendWith(BrowserSupport.RequiresChromium.class)
class CommandLineSignInTest extends EndToEnd {
    private static final String PASSWORD = "correct horse battery";
    private static final Pattern URL = Pattern.compile("(https?://\\S+)");
    private static final Duration SIGN_IN = Duration.ofSeconds(60);

    BrowserSupport.Chromium chromium;
    ChromeDriver chrome;
    Path home;
    CliProcess cli;

    @BeforeAll
    void browserAndConfiguration() throws Exception {
        home = Files.createTempDirectory("tollgate-cli-home-");
        cli = new CliProcess(home.resolve(".config/tollgate"));
        assertThat(cli.run("config", "set", "endpoint", server.baseUrl()).code()).isZero();
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

    String newVerifiedPerson() {
        return createVerifiedPerson("cli", PASSWORD);
    }

    /** Reads the address the command printed, signs in there and allows the CLI client. */
    void signInInTheBrowser(CliProcess.Running running, String email) throws InterruptedException {
        String url = running.awaitLine(l -> l.startsWith("http"), SIGN_IN).strip();
        assertThat(url).contains("client_id=tollgate-cli.apps.tollgate").contains("code_challenge_method=S256")
                .contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A").contains("scope=admin+email+openid");
        chrome.get(url);
        signIn(chrome, email, PASSWORD);
        waitFor(chrome, d -> !d.findElements(By.cssSelector("button[value=allow]")).isEmpty(), "the consent page");
        assertThat(BrowserSupport.scopeLines(chrome)).anyMatch(line -> line.contains("Manage your Tollgate projects"));
        click(chrome, "Allow");
        waitForHeading(chrome, "Signed in");
        assertThat(chrome.getCurrentUrl()).startsWith("http://127.0.0.1:");
    }

    @Test
    void authLoginInTheBrowserGivesThePersonTheAdminApi() throws Exception {
        String email = newVerifiedPerson();
        CliProcess.Running login = cli.start("auth", "login");
        signInInTheBrowser(login, email);
        CliProcess.Result done = login.await(SIGN_IN);
        assertThat(done.code()).as(done.toString()).isZero();
        assertThat(done.stderr()).contains("You are now signed in as " + email);
        assertThat(cli.run("auth", "list").stdout()).containsPattern("\\*\\s+" + Pattern.quote(email) + "\\s+authorized_user");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cli.configDir().resolve("credentials/" + email + ".json"))))
                .isEqualTo("rw-------");

        // The admin scope works: the person creates a project and owns it.
        String project = uniqueProjectId();
        CliProcess.Result created = cli.run("projects", "create", project, "--format", "value(projectId)");
        assertThat(created.code()).as(created.toString()).isZero();
        assertThat(cli.run("members", "list", "--project", project, "--format", "value(member,role)").stdout())
                .contains("user:" + email + "\towner");

        String idToken = cli.run("auth", "print-identity-token").stdout().strip();
        String payload = new String(Base64.getUrlDecoder().decode(idToken.split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(new ObjectMapper().readTree(payload).get("email").asText()).isEqualTo(email);
        String access = cli.run("auth", "print-access-token").stdout().strip();
        assertThat(http.getWithToken("/admin/v1/projects/" + project, access).status()).isEqualTo(200);

        // Revoking ends the grant at the server: the access token stops working, the account is forgotten.
        CliProcess.Result revoked = cli.run("auth", "revoke", email);
        assertThat(revoked.code()).as(revoked.toString()).isZero();
        assertThat(http.getWithToken("/admin/v1/projects/" + project, access).status()).isEqualTo(401);
        assertThat(cli.run("auth", "list").stdout()).doesNotContain(email);
        assertThat(cli.run("config", "get", "account").code()).isEqualTo(1);
    }

    @Test
    void authLoginWithoutABrowserIsApprovedOnTheDevicePageThatWarnsAboutTheAdminScope() throws Exception {
        String first = newVerifiedPerson();
        String second = newVerifiedPerson();
        for (String email : new String[] {first, second}) {
            BrowserSupport.clearCookies(chrome);
            CliProcess.Running login = cli.start("auth", "login", "--no-browser");
            String line = login.awaitLine(l -> l.startsWith("(or open "), SIGN_IN);
            Matcher complete = URL.matcher(line);
            assertThat(complete.find()).isTrue();
            assertThat(login.awaitLine(l -> l.startsWith("To sign in, open "), SIGN_IN)).containsPattern("enter the code [A-Z]{4}-[A-Z]{4}");
            chrome.get(complete.group(1).replaceAll("\\)$", ""));
            signIn(chrome, email, PASSWORD);
            // The device page's own button: the sign-in page's button may still be there while the browser moves on.
            waitFor(chrome, d -> d.findElements(By.tagName("button")).stream().anyMatch(b -> b.getText().equals("Next")), "the device page");
            click(chrome, "Next");
            String warning = waitFor(chrome, d -> d.findElements(By.id("admin-warning")).stream().findFirst().orElse(null),
                    "the admin warning on the device consent page").getText();
            assertThat(warning).contains("Only continue if you started this sign-in yourself, with tollgate auth login --no-browser");
            click(chrome, "Allow");
            CliProcess.Result done = login.await(SIGN_IN);
            assertThat(done.code()).as(done.toString()).isZero();
            assertThat(done.stderr()).contains("You are now signed in as " + email);
        }
        // Two accounts, the last one active; switching back is a property.
        assertThat(cli.run("auth", "list", "--format", "value(active,account)").stdout()).contains("\t" + first).contains("*\t" + second);
        assertThat(cli.run("config", "set", "account", first).code()).isZero();
        assertThat(cli.run("auth", "list", "--format", "value(active,account)").stdout()).contains("*\t" + first);
        assertThat(cli.run("projects", "list").code()).isZero();
    }

    @Test
    void applicationDefaultLoginWritesTheFileTheClientLibraryReads() throws Exception {
        String email = newVerifiedPerson();
        CliProcess.Running login = cli.start("auth", "application-default", "login");
        signInInTheBrowser(login, email);
        CliProcess.Result done = login.await(SIGN_IN);
        assertThat(done.code()).as(done.toString()).isZero();

        Path file = home.resolve(ApplicationDefaultCredentials.WELL_KNOWN_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        OAuth2Credentials found = ApplicationDefaultCredentials.of(Map.of(), home).get(Scopes.EMPTY, null, CredentialOptions.defaults());
        var client = TollgateClient.builder(URI.create(server.baseUrl())).credentials(found).build();
        assertThat(client.get("/admin/v1/projects").status()).isEqualTo(200);
        assertThat(cli.run("auth", "application-default", "print-access-token").stdout().strip()).isNotBlank();

        // The refresh token in the file now (each refresh of this public client rotated it) is the one revoked.
        OAuth2Credentials latest = ApplicationDefaultCredentials.of(Map.of(), home).get(Scopes.EMPTY, null, CredentialOptions.defaults());
        CliProcess.Result revoked = cli.run("auth", "application-default", "revoke");
        assertThat(revoked.code()).as(revoked.toString()).isZero();
        assertThat(file).doesNotExist();
        assertThatThrownBy(latest::refresh).isInstanceOf(TokenRequestException.class).hasMessageContaining("invalid_grant");
        assertThat(cli.run("auth", "application-default", "print-access-token").code()).isEqualTo(1);
    }
}
