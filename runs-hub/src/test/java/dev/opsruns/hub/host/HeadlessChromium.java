package dev.opsruns.hub.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver. Both paths are given to Selenium, so
 * Selenium Manager never runs and nothing downloads a browser or driver; a fresh profile directory per
 * start keeps runs independent. Missing binaries skip the browser test, unless {@code CI=true}, where
 * they fail it.
 */
public final class HeadlessChromium implements AutoCloseable {

    /** The browser: {@code -Dopsruns.chromium=...} overrides Debian's path. */
    public static final Path CHROMIUM = Path.of(System.getProperty("opsruns.chromium", "/usr/bin/chromium"));
    /** Its driver: {@code -Dopsruns.chromedriver=...} overrides Debian's path. */
    public static final Path CHROMEDRIVER = Path.of(System.getProperty("opsruns.chromedriver", "/usr/bin/chromedriver"));
    /** Where screenshots go. */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /** The browser's time zone. */
    public static final String VIEWER_ZONE = "Asia/Kolkata";

    private static final int WIDTH = 1280;
    private static final int HEIGHT = 900;

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriverService service, ChromeDriver driver, Path profile) {
        this.service = service;
        this.driver = driver;
        this.profile = profile;
    }

    /** Skips the calling test (or fails it when {@code CI=true}) unless Chromium and chromedriver are installed. */
    public static void assumeInstalled() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        String message = "headless Chromium needs " + CHROMIUM + " and " + CHROMEDRIVER
                + " (Debian: apt-get install chromium chromium-driver)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message + "; CI=true: the browser test is required");
        }
        System.err.println("WARNING: " + message + "; the browser test is skipped (set CI=true to fail instead)");
        Assumptions.abort(message + "; the browser test is skipped (set CI=true to fail instead)");
    }

    /** @return a started browser with an empty profile */
    public static HeadlessChromium start() {
        // Selenium looks here before it would ask Selenium Manager; the service below names it again.
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        Path profile;
        try {
            profile = Files.createTempDirectory("opsruns-chromium-");
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-default-apps",
                "--mute-audio", "--lang=en-US", "--window-size=" + WIDTH + "," + HEIGHT, "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                // a zone that is neither the server's nor UTC, so "in the viewer's zone" is visible
                .withEnvironment(java.util.Map.of("TZ", VIEWER_ZONE))
                .withLogFile(Path.of("target", "chromedriver.log").toFile())
                .build();
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            service.stop();
            deleteTree(profile);
            throw e;
        }
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new HeadlessChromium(service, driver, profile);
    }

    /** @return the browser */
    public WebDriver driver() {
        return driver;
    }

    /**
     * @return a wait for a condition, bounded by a generous deadline (polls; never a fixed sleep). A condition
     *     that reads an element the page replaced meanwhile (a form post reloading it) is tried again: every
     *     wait here means "until the page shows it", whichever page load shows it.
     */
    public WebDriverWait await() {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /**
     * Saves the whole page (the window grown to the page's height) as {@code target/screenshots/<name>.png}.
     *
     * @param name the file name without extension
     * @return the file
     */
    public Path screenshot(String name) {
        Object height = ((JavascriptExecutor) driver).executeScript(
                "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight);");
        int pageHeight = height instanceof Number n ? n.intValue() : HEIGHT;
        try {
            driver.manage().window().setSize(new Dimension(WIDTH, Math.min(Math.max(pageHeight, HEIGHT), 4000)));
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(new Dimension(WIDTH, HEIGHT));
        }
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

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp profile is harmless
        }
    }
}
