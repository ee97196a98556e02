package dev.passkeys.web;

import static dev.passkeys.testing.PasskeyApi.uniqueUsername;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.Credential;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The reference page and the WebAuthn Signal API, in Debian's headless Chromium with a virtual authenticator:
 * after a sign-in, an added passkey, a rename and a deletion the page calls
 * {@code PublicKeyCredential.signalAllAcceptedCredentials} and {@code signalCurrentUserDetails} with what
 * {@code GET /api/auth/passkeys/signals} answers, and after a login with a deleted passkey
 * {@code signalUnknownCredential}. A script installed before the page's own records every call (and then makes
 * the browser's own call, where Chromium has one).
 */
@QuarkusTest
@TestProfile(PasskeySignalsBrowserTest.Profile.class)
class PasskeySignalsBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Generous: the machine has two cores and other builds run beside this one. */
    static final Duration WAIT = Duration.ofSeconds(30);

    /** Records each Signal API call in window.passkeySignals, before the page's script runs. */
    static final String RECORD_SIGNALS = """
            (() => {
              const PKC = window.PublicKeyCredential;
              if (!PKC) return;
              const calls = [];
              window.passkeySignals = calls;
              for (const name of ['signalAllAcceptedCredentials', 'signalCurrentUserDetails', 'signalUnknownCredential']) {
                const native = PKC[name];
                PKC[name] = function (options) {
                  calls.push({ name, native: typeof native === 'function', options: JSON.parse(JSON.stringify(options)) });
                  return typeof native === 'function' ? native.call(PKC, options) : Promise.resolve();
                };
              }
            })();
            """;

    /** The service on a port fixed before it starts, so that the page's origin is in {@code passkey.origins}. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.test-port", String.valueOf(port()), "passkey.origins", origin());
        }
    }

    private static final List<VirtualAuthenticator> AUTHENTICATORS = new ArrayList<>();
    private static ChromeDriver driver;

    @BeforeAll
    static void startBrowser() throws IOException {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "The browser tests need Debian's Chromium and ChromeDriver: apt-get install -y chromium chromium-driver");
        Path work = Files.createDirectories(Path.of("target", "chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(work.resolve("signals-chromedriver.log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1000,1800", "--lang=en-US",
                "--user-data-dir=" + work.resolve("signals-" + System.nanoTime()).toAbsolutePath());
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        driver = new ChromeDriver(service, options);
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", RECORD_SIGNALS));
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void thePageSignalsTheAcceptedPasskeysAndTheUserAfterEveryChange() {
        VirtualAuthenticator laptop = newAuthenticator(null);
        driver.get(origin() + "/");
        await("the page to start", () -> !driver.findElements(By.cssSelector("#support-list li")).isEmpty());

        // Sign-up signs in: both signals, with the user handle the authenticator was given.
        String username = uniqueUsername();
        type("#signup-username", username);
        type("#signup-display-name", "Ada Lovelace");
        click("#signup-button");
        await("signed in", () -> driver.findElement(By.cssSelector("#signed-in")).isDisplayed());
        Credential first = laptop.getCredentials().get(0);
        String firstId = base64url(first.getId());
        String userHandle = base64url(first.getUserHandle());
        assertSignals(0, List.of(firstId), userHandle, username, "Ada Lovelace");

        // A second passkey, from another authenticator.
        int before = calls().size();
        newAuthenticator(null);
        type("#add-passkey-name", "Backup key");
        click("#add-passkey-button");
        await("two passkeys", () -> passkeyIds().size() == 2);
        String secondId = passkeyIds().get(1);
        assertSignals(before, List.of(firstId, secondId), userHandle, username, "Ada Lovelace");

        // A rename.
        before = calls().size();
        WebElement item = driver.findElement(By.cssSelector("#passkeys li[data-id='" + secondId + "']"));
        item.findElement(By.cssSelector(".rename")).click();
        WebElement input = item.findElement(By.cssSelector(".rename-input"));
        input.clear();
        input.sendKeys("Work key");
        item.findElement(By.cssSelector(".rename-save")).click();
        assertSignals(before, List.of(firstId, secondId), userHandle, username, "Ada Lovelace");

        // A deletion: the deleted passkey is no longer among the accepted ones.
        before = calls().size();
        driver.findElement(By.cssSelector("#passkeys li[data-id='" + firstId + "'] .delete")).click();
        await("one passkey", () -> passkeyIds().equals(List.of(secondId)));
        assertSignals(before, List.of(secondId), userHandle, username, "Ada Lovelace");

        // Signing in with the deleted passkey: the service does not know it, and the page says so to the browser.
        // (Signed out, the page offers passkeys in the username's autofill, which a virtual authenticator answers
        // by itself: it must hold nothing else, and it may beat the button to it. Both paths end the same way.)
        removeAuthenticators();
        click("#signout-button");
        await("signed out", () -> driver.findElement(By.cssSelector("#signed-out")).isDisplayed());
        before = calls().size();
        newAuthenticator(first);
        click("#passkey-button");
        Map<String, Object> unknown = awaitCall(before, "signalUnknownCredential");
        assertEquals(Map.of("rpId", "localhost", "credentialId", firstId), unknown);

        System.out.println("Signal API calls recorded: " + calls().size() + "; Chromium's own signal methods: "
                + calls().get(0).get("native"));
    }

    /** From call number {@code from} on: signalAllAcceptedCredentials and signalCurrentUserDetails, as expected. */
    private static void assertSignals(int from, List<String> accepted, String userHandle, String name, String displayName) {
        assertEquals(Map.of("rpId", "localhost", "userId", userHandle, "allAcceptedCredentialIds", accepted),
                awaitCall(from, "signalAllAcceptedCredentials"));
        assertEquals(Map.of("rpId", "localhost", "userId", userHandle, "name", name, "displayName", displayName),
                awaitCall(from, "signalCurrentUserDetails"));
    }

    /** The options of the first call of {@code name} from call number {@code from} on, waiting for it. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> awaitCall(int from, String name) {
        Predicate<Map<String, Object>> wanted = call -> name.equals(call.get("name"));
        await(name, () -> calls().stream().skip(from).anyMatch(wanted));
        return (Map<String, Object>) calls().stream().skip(from).filter(wanted).findFirst().orElseThrow().get("options");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> calls() {
        Object calls = driver.executeScript("return window.passkeySignals || []");
        return (List<Map<String, Object>>) calls;
    }

    /** A fresh platform authenticator in place of the previous one, holding {@code credential} when given. */
    private static VirtualAuthenticator newAuthenticator(Credential credential) {
        removeAuthenticators();
        VirtualAuthenticator authenticator = driver.addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true)
                .setHasUserVerification(true)
                .setIsUserVerified(true)
                .setIsUserConsenting(true));
        AUTHENTICATORS.add(authenticator);
        if (credential != null) {
            authenticator.addCredential(credential);
        }
        return authenticator;
    }

    private static void removeAuthenticators() {
        for (VirtualAuthenticator old : AUTHENTICATORS) {
            driver.removeVirtualAuthenticator(old);
        }
        AUTHENTICATORS.clear();
    }

    private static List<String> passkeyIds() {
        return driver.findElements(By.cssSelector("#passkeys li[data-id]")).stream()
                .map(li -> li.getAttribute("data-id")).collect(Collectors.toList());
    }

    private static void type(String css, String text) {
        WebElement input = driver.findElement(By.cssSelector(css));
        input.clear();
        input.sendKeys(text);
    }

    /** Clicks once the element can be clicked (the page may still be swapping views). */
    private static void click(String css) {
        await(css + " to be shown and enabled", () -> {
            WebElement element = driver.findElement(By.cssSelector(css));
            return element.isDisplayed() && element.isEnabled();
        });
        driver.findElement(By.cssSelector(css)).click();
    }

    private static void await(String what, BooleanSupplier condition) {
        try {
            new WebDriverWait(driver, WAIT).until(d -> condition.getAsBoolean());
        } catch (TimeoutException e) {
            screenshot();
            String console = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .map(LogEntry::toString).collect(Collectors.joining("\n  "));
            throw new AssertionError("Timed out waiting for " + what + "\nstatus: "
                    + driver.findElement(By.cssSelector("#status")).getText() + "\nerror: "
                    + driver.findElement(By.cssSelector("#error")).getText() + "\nsignals: " + calls()
                    + "\nconsole:\n  " + console, e);
        }
    }

    private static void screenshot() {
        try {
            Path file = Files.createDirectories(Path.of("target", "screenshots")).resolve("signals-failure.png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            // a failure report without a screenshot is still a failure report
        }
    }

    private static String base64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A free port, picked once per JVM and kept in a system property that every class loader of the run sees. */
    static synchronized int port() {
        String property = "passkeys.signals-browser-test.port";
        String value = System.getProperty(property);
        if (value == null) {
            try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
                value = String.valueOf(socket.getLocalPort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.setProperty(property, value);
        }
        return Integer.parseInt(value);
    }

    static String origin() {
        return "http://localhost:" + port();
    }
}
