package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * Checks the page a browser shows with axe-core (from {@code src/test/node/node_modules}, installed
 * by {@code npm ci} there): labels, contrast, heading order, landmarks and the rest of axe's WCAG 2.1
 * A/AA rules and best practices. A page with any violation fails the test, each named with the
 * elements it was found on.
 */
final class Accessibility {
    static final Path AXE = Path.of("src", "test", "node", "node_modules", "axe-core", "axe.min.js");
    private static volatile String source;

    private Accessibility() {}

    private static String axeSource() {
        if (source == null) {
            try {
                source = Files.readString(AXE);
            } catch (IOException e) {
                throw new UncheckedIOException("axe-core is missing: run npm ci in it/src/test/node (" + AXE.toAbsolutePath() + ")", e);
            }
        }
        return source;
    }

    /** Fails when axe finds a violation on the page the browser shows; {@code page} names it in the failure. */
    static void check(WebDriver driver, String page) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        // Injected through the driver, not as a page script: the Content-Security-Policy stays as the server sent it.
        js.executeScript(axeSource());
        Object result = js.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + " axe.run(document, {resultTypes: ['violations']}).then(function (r) {"
                + "   done(r.violations.map(function (v) { return {id: v.id, impact: v.impact, help: v.help,"
                + "     nodes: v.nodes.map(function (n) { return n.target.join(' ') + ' — ' + n.failureSummary; })}; }));"
                + " }, function (e) { done([{id: 'axe-error', impact: 'error', help: String(e), nodes: []}]); });");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> violations = (List<Map<String, Object>>) result;
        String report = violations.stream().map(v -> v.get("id") + " (" + v.get("impact") + "): " + v.get("help") + "\n    "
                + ((List<?>) v.get("nodes")).stream().map(String::valueOf).collect(Collectors.joining("\n    ")))
                .collect(Collectors.joining("\n"));
        assertThat(violations).as("axe-core on " + page + " (" + driver.getCurrentUrl() + "):\n" + report).isEmpty();
    }
}
