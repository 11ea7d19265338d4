package dev.tollgate.it;

import static dev.tollgate.it.BrowserSupport.click;
import static dev.tollgate.it.BrowserSupport.scopeLines;
import static dev.tollgate.it.BrowserSupport.signIn;
import static dev.tollgate.it.BrowserSupport.visibleText;
import static dev.tollgate.it.BrowserSupport.waitFor;
import static dev.tollgate.it.BrowserSupport.waitForHeading;
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

/** The pages need no JavaScript: a person who has it turned off signs in and allows an app. */
@ExtendWith(BrowserSupport.RequiresChromium.class)
class BrowserWithoutJavaScriptTest extends EndToEnd {
    static final String APP_NAME = "No Script Calendar";

    BrowserSupport.Chromium chromium;
    ChromeDriver chrome;
    BrowserSupport.App app;
    String project;
    OAuthClients.Registered installed;

    @BeforeAll
    void browserWithoutJavaScript() throws IOException {
        project = createProject(adminToken);
        enable(adminToken, project, "calendar");
        Http.Response screen = http.patchJson("/admin/v1/projects/" + project + "/consentScreen", adminToken,
                Map.of("applicationName", APP_NAME));
        assertThat(screen.status()).as(screen.toString()).isEqualTo(200);
        installed = OAuthClients.register(http, adminToken, project, "installed", List.of("http://127.0.0.1/callback"));
        app = new BrowserSupport.App();
        chromium = BrowserSupport.start(false);
        chrome = chromium.driver;
    }

    @AfterAll
    void closeBrowser() {
        if (chromium != null) {
            chromium.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void personWithJavaScriptTurnedOffSignsInAndAllowsTheApp() throws InterruptedException {
        // Scripts really are off in this browser.
        app.page("/script", "<!DOCTYPE html><title>Script</title><h1>Script</h1><p id=\"js\">off</p>"
                + "<script>document.getElementById('js').textContent = 'on';</script>");
        chrome.get(app.origin() + "/script");
        waitForHeading(chrome, "Script");
        assertThat(chrome.findElement(By.id("js")).getText()).as("the page's script did not run").isEqualTo("off");

        String email = BrowserFlowsTest.uniqueEmail();
        Http.Response person = http.postJson("/admin/v1/users", adminToken, Map.of("email", email, "password", BrowserFlowsTest.PASSWORD));
        assertThat(person.status()).as(person.toString()).isEqualTo(200);
        String verifier = OAuthClients.verifier();
        chrome.get(server.baseUrl() + OAuthClients.authUrl(installed, app.callbackUri(), "calendar", "no-js", verifier, Map.of()));
        signIn(chrome, email, BrowserFlowsTest.PASSWORD);
        waitForHeading(chrome, APP_NAME + " wants access");
        assertThat(visibleText(chrome)).contains(APP_NAME + " wants to access your Tollgate account " + email + ".");
        assertThat(scopeLines(chrome)).containsExactly(BrowserFlowsTest.CALENDAR + " (calendar)");

        click(chrome, "Allow");
        waitFor(chrome, d -> d.getCurrentUrl().startsWith(app.callbackUri() + "?"), "the browser back at the app's redirect URI");
        Map<String, String> q = app.awaitCallbackParameters();
        assertThat(q).containsEntry("state", "no-js").doesNotContainKey("error");
        Http.Response tokens = OAuthClients.redeem(http, installed, q.get("code"), app.callbackUri(), verifier, false);
        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
        assertThat(http.getWithToken("/calendar/v3/calendars/primary/events", tokens.json().get("access_token").asText()).status())
                .isEqualTo(200);
    }
}
