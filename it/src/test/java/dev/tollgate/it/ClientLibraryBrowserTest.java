package dev.tollgate.it;

import static dev.tollgate.it.BrowserSupport.click;
import static dev.tollgate.it.BrowserSupport.signIn;
import static dev.tollgate.it.BrowserSupport.type;
import static dev.tollgate.it.BrowserSupport.visibleText;
import static dev.tollgate.it.BrowserSupport.waitFor;
import static dev.tollgate.it.BrowserSupport.waitForHeading;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.client.CredentialOptions;
import dev.tollgate.client.DeviceFlow;
import dev.tollgate.client.InstalledAppFlow;
import dev.tollgate.client.OAuthService;
import dev.tollgate.client.TollgateClient;
import dev.tollgate.client.UserCredentials;
import dev.tollgate.protocol.DeviceAuthorizationResponse;
import dev.tollgate.protocol.ProviderMetadata;
import dev.tollgate.protocol.Scopes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.chrome.ChromeDriver;

/** The client library's sign-in flows with a person in a real browser (headless Chromium). */
@ExtendWith(BrowserSupport.RequiresChromium.class)
class ClientLibraryBrowserTest extends EndToEnd {
    static final String PASSWORD = "correct horse battery";
    static final String APP_NAME = "Library Desktop App";
    static final String EVENTS = "/calendar/v3/calendars/primary/events";

    BrowserSupport.Chromium chromium;
    ChromeDriver chrome;
    JsonNode installed;
    Path clientSecretFile;

    @BeforeAll
    void desktopClientAndBrowser() throws IOException {
        String project = createProject(adminToken);
        enable(adminToken, project, "calendar");
        assertThat(http.patchJson("/admin/v1/projects/" + project + "/consentScreen", adminToken, Map.of("applicationName", APP_NAME)).status())
                .isEqualTo(200);
        Http.Response created = http.postJson("/admin/v1/projects/" + project + "/oauthClients", adminToken,
                Map.of("type", "installed", "displayName", "Desktop"));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        installed = created.json().get("clientSecretJson").get("installed");
        clientSecretFile = Files.createTempDirectory("client-browser-").resolve("client_secret.json");
        Files.writeString(clientSecretFile, created.json().get("clientSecretJson").toString());
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

    String newPerson() {
        return createVerifiedPerson("b", PASSWORD);
    }

    TollgateClient client(UserCredentials credentials) {
        return TollgateClient.builder(URI.create(server.baseUrl())).credentials(credentials).build();
    }

    @Test
    void installedAppFlowSignsInThroughTheBrowserAndShowsTheClosingPage() throws IOException {
        String email = newPerson();
        UserCredentials credentials = InstalledAppFlow.fromClientSecrets(clientSecretFile, Scopes.of("openid", "email", "calendar"))
                .withOutput(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .withTimeout(Duration.ofSeconds(60))
                .withBrowser(url -> {
                    chrome.get(url.toString());
                    signIn(chrome, email, PASSWORD);
                    waitForHeading(chrome, APP_NAME + " wants access");
                    click(chrome, "Allow");
                    waitForHeading(chrome, "Signed in");
                })
                .authorize();

        assertThat(chrome.getCurrentUrl()).startsWith("http://127.0.0.1:");
        assertThat(visibleText(chrome)).contains("You may close this window");
        assertThat(client(credentials).get(EVENTS).status()).isEqualTo(200);
        String idToken = credentials.idToken().orElseThrow();
        assertThat(OAuthService.at(URI.create(server.baseUrl())).idTokenVerifier(installed.get("client_id").asText())
                .verify(idToken).email()).contains(email);
    }

    @Test
    void deviceFlowIsApprovedOnTheDevicePage() throws IOException {
        String email = newPerson();
        ProviderMetadata metadata = OAuthService.at(URI.create(server.baseUrl())).metadata();
        UserCredentials credentials = DeviceFlow.withPrompt(URI.create(metadata.deviceAuthorizationEndpoint()),
                URI.create(metadata.tokenEndpoint()), installed.get("client_id").asText(), null, Scopes.of("calendar.readonly"),
                shown -> approveInBrowser(shown, email), CredentialOptions.defaults()).authorize();

        assertThat(credentials.refreshToken()).startsWith("tgr_");
        assertThat(client(credentials).get(EVENTS).status()).isEqualTo(200);
    }

    /** What the person does on another device: opens the page shown, signs in, types the code, allows. */
    void approveInBrowser(DeviceAuthorizationResponse shown, String email) {
        chrome.get(shown.page());
        signIn(chrome, email, PASSWORD);
        waitForHeading(chrome, "Connect a device");
        type(chrome, "user_code", shown.userCode());
        click(chrome, "Next");
        waitForHeading(chrome, "Allow this device?");
        click(chrome, "Allow");
        waitFor(chrome, d -> visibleText(d).contains("You can return to your device"), "the device allowed");
    }
}
