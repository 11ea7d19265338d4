package dev.tollgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser for the end-to-end tests: Debian's headless {@code chromium} driven by its
 * {@code chromedriver}, both at fixed paths so that Selenium Manager never looks for (or downloads)
 * anything. Without them the browser tests are skipped, except on CI ({@code CI=true}), where they
 * fail.
 *
 * <p>Also here: {@link App}, the OAuth client application's side on 127.0.0.1 (its redirect URI and
 * any page a test wants served from another origin), and the steps a person takes on the pages.
 */
final class BrowserSupport {
    /** Debian's packages {@code chromium} and {@code chromium-driver}; the system properties are for trying another build. */
    static final Path CHROMIUM = Path.of(System.getProperty("tollgate.test.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("tollgate.test.chromedriver", "/usr/bin/chromedriver"));
    static final Duration WAIT = Duration.ofSeconds(15);

    /**
     * Debian's chromium is usually newer than the DevTools versions Selenium bundles, and Selenium warns
     * about it at every start; these tests use no DevTools connection ({@link #clearCookies} goes
     * through chromedriver). Kept here so that the loggers, and their level, are not collected.
     */
    private static final List<java.util.logging.Logger> QUIET = Stream.of(
            "org.openqa.selenium.devtools.CdpVersionFinder", "org.openqa.selenium.chromium.ChromiumDriver")
            .map(java.util.logging.Logger::getLogger).toList();

    static {
        QUIET.forEach(l -> l.setLevel(java.util.logging.Level.SEVERE));
    }

    private BrowserSupport() {}

    static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    static boolean chromiumInstalled() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /**
     * {@code @ExtendWith(BrowserSupport.RequiresChromium.class)}: the class is skipped before its
     * server starts when chromium is missing; on CI it runs, and {@link #start} fails.
     */
    static final class RequiresChromium implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (chromiumInstalled() || onCi()) {
                return ConditionEvaluationResult.enabled("chromium is installed, or CI=true requires it");
            }
            return ConditionEvaluationResult.disabled(CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing (apt-get install chromium chromium-driver); set CI=true to make this a failure");
        }
    }

    /** A running headless chromium with its own fresh profile; {@link #close} ends both processes and removes the profile. */
    static final class Chromium implements AutoCloseable {
        final ChromeDriver driver;
        private final ChromeDriverService service;
        private final Path profile;

        private Chromium(ChromeDriver driver, ChromeDriverService service, Path profile) {
            this.driver = driver;
            this.service = service;
            this.profile = profile;
        }

        @Override
        public void close() {
            try {
                driver.quit();
            } finally {
                service.stop();
                deleteTree(profile);
            }
        }
    }

    /** Starts chromium; {@code javascript=false} blocks scripts on every site, as a person can in the settings. */
    static Chromium start(boolean javascript) throws IOException {
        if (!chromiumInstalled()) {
            throw new AssertionError(CHROMIUM + " or " + CHROMEDRIVER + " is missing, and CI=true requires a real browser: "
                    + "apt-get install chromium chromium-driver (.ci/run does)");
        }
        // Never Selenium Manager: it would try to download a driver and a browser.
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        Path profile = Files.createTempDirectory("tollgate-chromium-");
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--password-store=basic", "--window-size=1280,1000", "--user-data-dir=" + profile);
        var prefs = new java.util.HashMap<String, Object>();
        prefs.put("credentials_enable_service", false);
        prefs.put("profile.password_manager_enabled", false);
        if (!javascript) {
            prefs.put("profile.managed_default_content_settings.javascript", 2);
        }
        options.setExperimentalOption("prefs", prefs);
        // What the pages logged to the console, for failure messages.
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        Path log = Path.of("target", "chromedriver.log");
        Files.createDirectories(log.getParent());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(log.toFile())
                .withAppendLog(true)
                .withEnvironment(Map.of("SE_OFFLINE", "true"))
                .build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return new Chromium(driver, service, profile);
        } catch (RuntimeException e) {
            service.stop();
            deleteTree(profile);
            throw e;
        }
    }

    /** Forgets every cookie of every site: the next person starts signed out. */
    static void clearCookies(ChromeDriver driver) {
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
    }

    // ---- What a person does on the pages ----

    static <T> T waitFor(WebDriver driver, Function<WebDriver, T> condition, String what) {
        // A page being replaced by the next one makes elements found on it stale, or unknown to the
        // new document ("Node with given id does not belong to the document"): look again.
        return new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.WebDriverException.class).withMessage(() -> what + "; the browser is at " + driver.getCurrentUrl()
                + " showing:\n" + visibleText(driver) + "\nconsole:\n" + console(driver)).until(condition);
    }

    /** Waits until the page's heading (the one {@code h1}) is {@code title}. */
    static void waitForHeading(WebDriver driver, String title) {
        waitFor(driver, d -> d.findElements(By.tagName("h1")).stream().anyMatch(h -> h.getText().equals(title)),
                "a page titled \"" + title + "\"");
    }

    static String heading(WebDriver driver) {
        return driver.findElement(By.tagName("h1")).getText();
    }

    /** The browser console's messages since last asked. */
    static String console(WebDriver driver) {
        try {
            return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                    .map(e -> e.getLevel() + " " + e.getMessage()).collect(java.util.stream.Collectors.joining("\n"));
        } catch (RuntimeException e) {
            return "(no console: " + e.getMessage() + ")";
        }
    }

    static String visibleText(WebDriver driver) {
        try {
            return driver.findElement(By.tagName("body")).getText();
        } catch (RuntimeException e) {
            return "(no body: " + e.getMessage() + ")";
        }
    }

    static void type(WebDriver driver, String fieldId, String text) {
        WebElement field = driver.findElement(By.id(fieldId));
        field.clear();
        field.sendKeys(text);
    }

    /** Clicks the button that reads {@code label}. */
    static void click(WebDriver driver, String label) {
        List<WebElement> buttons = driver.findElements(By.tagName("button")).stream().filter(b -> b.getText().equals(label)).toList();
        assertThat(buttons).as("one button \"" + label + "\" on " + driver.getCurrentUrl() + ":\n" + visibleText(driver)).hasSize(1);
        buttons.get(0).click();
    }

    /** Fills in the sign-in form the browser shows and sends it. */
    static void signIn(WebDriver driver, String email, String password) {
        waitForHeading(driver, "Sign in");
        type(driver, "email", email);
        type(driver, "password", password);
        click(driver, "Sign in");
    }

    /** The texts of the list items of every {@code ul.scopes}: the sentences a consent page shows. */
    static List<String> scopeLines(WebDriver driver) {
        return driver.findElements(By.cssSelector("ul.scopes > li")).stream().map(WebElement::getText).toList();
    }

    // ---- The application's side ----

    /**
     * A tiny web application on 127.0.0.1: {@code /callback} is its OAuth redirect URI, which records
     * the query it received and shows a page; other paths serve what {@link #page} put there.
     */
    static final class App implements AutoCloseable {
        static final String RECEIVED = "The application received the answer.";

        private final HttpServer server;
        private final ExecutorService executor;
        private final BlockingQueue<String> callbacks = new LinkedBlockingQueue<>();
        private final Map<String, String> pages = new ConcurrentHashMap<>();

        App() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            executor = Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "browser-test-app");
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(executor);
            server.createContext("/", this::handle);
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        /** This application's origin, {@code http://127.0.0.1:PORT}. */
        String origin() {
            return "http://127.0.0.1:" + port();
        }

        String callbackUri() {
            return origin() + "/callback";
        }

        void page(String path, String html) {
            pages.put(path, html);
        }

        /** The raw query of the next request to {@code /callback}. */
        String awaitCallback() throws InterruptedException {
            String query = callbacks.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(query).as("the browser to arrive at " + callbackUri()).isNotNull();
            return query;
        }

        /** What the application received at its redirect URI, as parameters. */
        Map<String, String> awaitCallbackParameters() throws InterruptedException {
            return OAuthClients.query(callbackUri() + "?" + awaitCallback());
        }

        void forget() {
            callbacks.clear();
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                String html;
                int status = 200;
                if (path.equals("/callback")) {
                    String query = exchange.getRequestURI().getRawQuery();
                    callbacks.add(query == null ? "" : query);
                    html = "<!DOCTYPE html><title>Example app</title><h1>Example app</h1><p id=\"received\">" + RECEIVED + "</p>";
                } else if (pages.containsKey(path)) {
                    html = pages.get(path);
                } else {
                    status = 404;
                    html = "<!DOCTYPE html><title>Not found</title><h1>Not found</h1>";
                }
                byte[] body = html.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
            }
        }

        @Override
        public void close() {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
