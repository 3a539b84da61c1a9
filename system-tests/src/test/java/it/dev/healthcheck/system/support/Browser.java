package it.dev.healthcheck.system.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless browser: Debian's chromium, driven over WebDriver through Debian's chromedriver
 * (system-tests' build installs both). Each step can be photographed beside the test's report; as a
 * JUnit extension ({@code @RegisterExtension}) it also photographs what a failed test last saw, then quits.
 */
public final class Browser implements AfterTestExecutionCallback, AfterEachCallback {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final Path profile;
    private final Path screenshots;
    private final ChromeDriver driver;
    private final WebDriverWait wait;
    private int step;

    private Browser(Path profile, Path screenshots) {
        this.profile = profile;
        this.screenshots = screenshots;
        var options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1600",
                // a fresh profile that phones nowhere: the network here is closed
                "--user-data-dir=" + profile, "--no-first-run", "--disable-quic", "--disable-background-networking",
                "--disable-component-update", "--disable-sync");
        // Both paths given, so Selenium Manager has nothing to download.
        var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    /** A fresh browser whose screenshots go to {@code failsafe-reports/<test class>/}. */
    public static Browser forTest(Class<?> test) {
        try {
            Path screenshots = Path.of(System.getProperty("failsafe.reports", "target/failsafe-reports"))
                    .resolve(test.getSimpleName());
            deleteRecursively(screenshots);
            Files.createDirectories(screenshots);
            return new Browser(Files.createTempDirectory("chromium-profile-"), screenshots);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /** Waits for page changes: the UI answers asynchronously. */
    public WebDriverWait await() {
        return wait;
    }

    /** Scrolls {@code element} into the middle of the window. */
    public void show(WebElement element) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
    }

    /** Writes what the window shows now as {@code NN-name.png}, numbered in order of the steps. */
    public Path screenshot(String name) {
        Path file = screenshots.resolve(String.format("%02d-%s.png", ++step, name));
        try {
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isPresent()) {
            screenshot("failed");
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            driver.quit();
        } finally {
            deleteRecursively(profile);
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
