package dev.tollgate.it;

import static dev.tollgate.it.BrowserSupport.click;
import static dev.tollgate.it.BrowserSupport.signIn;
import static dev.tollgate.it.BrowserSupport.type;
import static dev.tollgate.it.BrowserSupport.visibleText;
import static dev.tollgate.it.BrowserSupport.waitFor;
import static dev.tollgate.it.BrowserSupport.waitForHeading;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/** The mail flows in a real browser (headless chromium), with the mail read from an SMTP server in this process. */
@ExtendWith(BrowserSupport.RequiresChromium.class)
class BrowserMailFlowsTest extends EndToEnd {
    static final String PASSWORD = "correct horse battery";

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

    /** The mailed link, opened on the address the tests reach the server at. */
    void open(String link) {
        chrome.get(server.baseUrl() + Mailbox.pathOf(link));
    }

    @Test
    void personSignsUpVerifiesByTheMailedLinkThenResetsAForgottenPasswordByMail() {
        String email = "b" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "@example.com";
        chrome.get(server.baseUrl() + "/signup");
        waitForHeading(chrome, "Create your account");
        type(chrome, "email", email);
        type(chrome, "password", PASSWORD);
        click(chrome, "Create account");
        waitForHeading(chrome, "Your account");
        assertThat(visibleText(chrome)).contains("Check your mail").contains("Open the link we mailed to " + email);
        assertThat(chrome.findElement(By.id("address-status")).getText()).isEqualTo("Not verified");

        open(mailbox.awaitLink(email, "/verify-email"));
        waitForHeading(chrome, "Address verified");
        chrome.findElement(By.linkText("Go to your account")).click();
        waitForHeading(chrome, "Your account");
        assertThat(chrome.findElement(By.id("address-status")).getText()).isEqualTo("Verified");
        assertThat(visibleText(chrome)).doesNotContain("Check your mail");

        click(chrome, "Sign out");
        waitForHeading(chrome, "Sign in");
        chrome.findElement(By.linkText("Forgot your password?")).click();
        waitForHeading(chrome, "Reset your password");
        type(chrome, "email", email);
        click(chrome, "Send the link");
        // The answer has the same heading: wait for its notice, not for the heading.
        assertThat(waitFor(chrome, d -> d.findElements(By.cssSelector("p.notice[role=status]")).stream().findFirst().orElse(null),
                "the answer to the reset request").getText()).startsWith("If an account uses this address, we sent it a mail");

        open(mailbox.awaitLink(email, "/reset-password"));
        waitForHeading(chrome, "Choose a new password");
        type(chrome, "new-password", "a brand new password");
        click(chrome, "Set the new password");
        waitForHeading(chrome, "Password changed");
        chrome.findElement(By.linkText("Sign in")).click();

        signIn(chrome, email, PASSWORD);
        assertThat(waitFor(chrome, d -> d.findElements(By.cssSelector("p.error[role=alert]")).stream().findFirst().orElse(null),
                "the sign-in error").getText()).as("the old password").isEqualTo("Wrong email address or password.");
        signIn(chrome, email, "a brand new password");
        waitForHeading(chrome, "Your projects");
        chrome.get(server.baseUrl() + "/account");
        waitForHeading(chrome, "Your account");
        assertThat(chrome.findElement(By.tagName("dd")).getText()).isEqualTo(email);
    }
}
