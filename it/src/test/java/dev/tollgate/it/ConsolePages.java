package dev.tollgate.it;

import static dev.tollgate.it.BrowserSupport.waitFor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

/** What the console's browser tests do on a page: check it, keep a picture of it, follow a link, read its status line. */
final class ConsolePages {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private ConsolePages() {}

    /** Saves the page as {@code console-NAME.png}, after axe-core found nothing wrong with its accessibility. */
    static void screenshot(WebDriver browser, String name) {
        Accessibility.check(browser, name);
        try {
            Files.createDirectories(SCREENSHOTS);
            Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve("console-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void clickLink(WebDriver browser, String text) {
        browser.findElement(By.linkText(text)).click();
    }

    /** Waits for the page's status line to say {@code expected}: the page after a form may take a moment to replace this one. */
    static void expectStatus(WebDriver browser, String expected) {
        waitFor(browser, d -> d.findElements(By.cssSelector("[role=status].notice")).stream().anyMatch(e -> e.getText().equals(expected))
                ? true : null, "the notice \"" + expected + "\"");
    }
}
