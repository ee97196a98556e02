package dev.passkeys.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * Debian's headless Chromium, driven through Debian's ChromeDriver (both given explicitly, so Selenium Manager is
 * never asked to find or download anything), with a WebAuthn virtual authenticator per tab.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Generous: CI machines have two cores, often shared with other builds. */
    static final Duration WAIT = Duration.ofSeconds(45);
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final Path profile;
    private final String homeTab;
    private VirtualAuthenticator authenticator;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
        this.homeTab = driver.getWindowHandle();
    }

    /** Starts Chromium with a fresh profile under {@code target/}. */
    static Browser start(String name) {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "The browser tests need Debian's Chromium and ChromeDriver: apt-get install -y chromium chromium-driver");
        try {
            Path profile = Files.createDirectories(Path.of("target", "chromium"))
                    .resolve(name + "-" + System.nanoTime()).toAbsolutePath();
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .withLogFile(Path.of("target", "chromium", name + "-chromedriver.log").toFile())
                    .build();
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1000,1800", "--lang=en-US",
                    "--user-data-dir=" + profile);
            options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
            return new Browser(new ChromeDriver(service, options), profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every page loaded in the tab records its WebAuthn calls in {@code window.webauthnCalls}: for each
     * {@code navigator.credentials.create/get}, its kind, mediation, number of allowed credentials and outcome
     * ({@code pending}, {@code ok} or the error's name). The page itself is not changed.
     */
    private static final String RECORD_WEBAUTHN_CALLS = """
            window.webauthnCalls = [];
            for (const kind of ['create', 'get']) {
              const original = navigator.credentials[kind].bind(navigator.credentials);
              navigator.credentials[kind] = (options) => {
                const call = {
                  kind,
                  mediation: options?.mediation ?? 'optional',
                  allowCredentials: options?.publicKey?.allowCredentials?.length ?? 0,
                  outcome: 'pending',
                };
                window.webauthnCalls.push(call);
                const result = original(options);
                result.then(() => { call.outcome = 'ok'; }, (e) => { call.outcome = e.name; });
                return result;
              };
            }""";

    /** A new tab: its own session storage and, once added, its own virtual authenticator. */
    void newTab() {
        driver.switchTo().newWindow(WindowType.TAB);
        authenticator = null;
        beforeEveryPage(RECORD_WEBAUTHN_CALLS);
    }

    /** Runs {@code javascript} in every page the current tab loads from now on, before the page's own scripts. */
    void beforeEveryPage(String javascript) {
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", javascript));
    }

    /** The WebAuthn calls of the current page so far (see {@link #RECORD_WEBAUTHN_CALLS}). */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> webauthnCalls() {
        return (List<Map<String, Object>>) script("return window.webauthnCalls ?? []");
    }

    /** Closes the current tab (and so its authenticator) and goes back to the first one. */
    void closeTab() {
        if (!driver.getWindowHandle().equals(homeTab)) {
            driver.close();
        }
        driver.switchTo().window(homeTab);
        authenticator = null;
    }

    /**
     * A platform authenticator (CTAP2, internal transport) that stores discoverable credentials and verifies the
     * user with {@code userVerifies}, or fails user verification (the browser then answers NotAllowedError, as for
     * a cancelled prompt). It replaces the tab's current authenticator, whose credentials go with it.
     */
    VirtualAuthenticator useNewAuthenticator(boolean userVerifies) {
        return use(platformAuthenticator(new VirtualAuthenticatorOptions()).setIsUserVerified(userVerifies));
    }

    /**
     * A platform authenticator like {@link #useNewAuthenticator}'s whose credentials are backup eligible and backed
     * up, as a synced passkey provider's (iCloud Keychain, Google Password Manager).
     */
    VirtualAuthenticator useNewSyncedAuthenticator() {
        return use(platformAuthenticator(new SyncedAuthenticatorOptions()).setIsUserVerified(true));
    }

    private static VirtualAuthenticatorOptions platformAuthenticator(VirtualAuthenticatorOptions options) {
        return options
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true)
                .setHasUserVerification(true)
                .setIsUserConsenting(true);
    }

    private VirtualAuthenticator use(VirtualAuthenticatorOptions options) {
        removeAuthenticator();
        authenticator = driver.addVirtualAuthenticator(options);
        return authenticator;
    }

    /**
     * With WebAuthn Level 3's {@code defaultBackupEligibility} and {@code defaultBackupState}, which ChromeDriver
     * hands on to Chromium's virtual authenticator (as CDP {@code WebAuthn.addVirtualAuthenticator} options) but
     * Selenium's options cannot set.
     */
    private static final class SyncedAuthenticatorOptions extends VirtualAuthenticatorOptions {
        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> options = new HashMap<>(super.toMap());
            options.put("defaultBackupEligibility", true);
            options.put("defaultBackupState", true);
            return options;
        }
    }

    VirtualAuthenticator authenticator() {
        return authenticator;
    }

    void removeAuthenticator() {
        if (authenticator != null) {
            driver.removeVirtualAuthenticator(authenticator);
            authenticator = null;
        }
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    Object script(String javascript, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(javascript, args);
    }

    /** Waits for {@code condition}; on a timeout fails with what the page shows and logged, and a screenshot. */
    <T> T await(String what, Function<WebDriver, T> condition) {
        try {
            // The page re-renders its lists after every change: an element found a moment ago may be gone.
            return new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class).until(condition);
        } catch (TimeoutException e) {
            Path shot = screenshot("failure-" + System.currentTimeMillis());
            throw new AssertionError("Timed out waiting for " + what + "\n" + pageState() + "\nscreenshot: " + shot, e);
        }
    }

    /** Saves a screenshot of the window under {@code target/screenshots/}. */
    Path screenshot(String name) {
        try {
            Path file = Files.createDirectories(SCREENSHOTS).resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page's messages and the browser console, for failure messages. */
    String pageState() {
        String messages;
        try {
            messages = "url: " + driver.getCurrentUrl()
                    + "\nstatus: " + find("#status").getText()
                    + "\nerror: " + find("#error").getText();
        } catch (RuntimeException e) {
            messages = "page: " + e;
        }
        String console;
        try {
            console = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .map(LogEntry::toString).collect(Collectors.joining("\n  "));
        } catch (RuntimeException e) {
            console = e.toString();
        }
        return messages + "\nconsole:\n  " + console;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            } catch (IOException e) {
                // only a leftover profile under target/
            }
        }
    }
}
