package dev.mpunit.server.web;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver: the browser tests never download
 * a browser or a driver (giving both paths keeps Selenium Manager from running). Without them the
 * tests skip with the reason, except in CI ({@code MPUNIT_REQUIRE_EMULATORS} set), where they fail.
 */
public final class Chromium implements AutoCloseable {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    /** Pages fetch their data after loading; generous because two cores are shared with builds. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /**
     * Selenium warns that it has no DevTools binding for this Chromium's version; the tests use
     * WebDriver only. Held here so the setting is not collected with the logger.
     */
    private static final Logger DEVTOOLS_LOG = Logger.getLogger("org.openqa.selenium.devtools");

    static {
        DEVTOOLS_LOG.setLevel(Level.SEVERE);
    }

    private final ChromeDriver driver;
    private final WebDriverWait wait;

    private Chromium(ChromeDriver driver) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, PATIENCE);
    }

    /** Skips (fails in CI) when Debian's chromium or chromedriver is missing. */
    public static void assumeAvailable() {
        boolean available = Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
        String requirement = System.getenv("MPUNIT_REQUIRE_EMULATORS");
        if (!available && requirement != null && !requirement.isBlank()) {
            fail(BROWSER + " and " + DRIVER + " are required here (MPUNIT_REQUIRE_EMULATORS is set): "
                    + "apt-get install chromium chromium-driver");
        }
        assumeTrue(available, BROWSER + " or " + DRIVER + " not installed (apt-get install chromium chromium-driver): "
                + "the browser tests are skipped");
    }

    /** A headless browser with a window of the given size (the docs' screenshots are 1280 × 800). */
    public static Chromium start(int width, int height) {
        assumeAvailable();
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString()))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + width + "," + height, "--hide-scrollbars", "--lang=en-GB");
        // The console is read back to find what the Content-Security-Policy blocked.
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        return new Chromium(new ChromeDriver(service, options));
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens a page and waits until it has built itself from the API (or said why it could not). */
    public void open(String url) {
        driver.get(url);
        WebElement main = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("main[data-state=ready], main[data-state=error]")));
        // A figure, not an assertion: how long the page took to show its data, in the browser.
        String ready = main.getDomAttribute("data-ready-ms");
        if (ready != null) {
            System.out.println("page " + url.replaceFirst("^https?://[^/]+", "") + " ready after " + ready + " ms");
        }
    }

    /** The page's own message when it could not load, for assertion messages. */
    public String state() {
        WebElement main = driver.findElement(By.id("main"));
        String state = main.getDomAttribute("data-state");
        return state.equals("error") ? "error: " + driver.findElement(By.id("status")).getText() : state;
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public List<String> texts(String css) {
        return all(css).stream().map(WebElement::getText).toList();
    }

    public <T> T until(Function<WebDriver, T> condition) {
        return wait.until(condition);
    }

    /** What the page wrote to the console since the last call: CSP violations, failed requests, errors. */
    public List<String> console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
    }

    /** The window as it is now, as PNG. */
    public byte[] screenshot() {
        return driver.getScreenshotAs(OutputType.BYTES);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
