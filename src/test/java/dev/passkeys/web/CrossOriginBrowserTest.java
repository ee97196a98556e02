package dev.passkeys.web;

import static dev.passkeys.testing.PasskeyApi.uniqueUsername;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The same page served from other origins (as a product's own frontend would serve it), calling the service
 * across origins with {@code ?api=}: an origin listed in {@code PASSKEY_ORIGINS} works through CORS, any other is
 * refused.
 */
@QuarkusTest
@TestProfile(BrowserTestProfile.class)
class CrossOriginBrowserTest extends BrowserTestBase {

    private static final String SERVICE = BrowserPorts.origin(BrowserPorts.service());

    private static StaticSite listed;
    private static StaticSite unlisted;

    @BeforeAll
    static void startSites() {
        listed = StaticSite.start(BrowserPorts.listedOrigin());
        unlisted = StaticSite.start(BrowserPorts.unlistedOrigin());
    }

    @AfterAll
    static void stopSites() {
        if (listed != null) {
            listed.close();
        }
        if (unlisted != null) {
            unlisted.close();
        }
    }

    @Test
    void aListedOriginSignsUpAndInThroughCors() {
        page.open(listed.origin() + "/?api=" + SERVICE);
        assertEquals(SERVICE, browser.find("#api-base").getText());

        String username = uniqueUsername();
        page.signUp(username, "Grace Hopper");
        page.expectSignedIn(username);
        browser.screenshot("cross-origin-signed-in");

        browser.authenticator().setUserVerified(false); // the user ignores the autofill
        page.signOut();
        page.awaitAutofillRequest("NotAllowedError");
        browser.authenticator().setUserVerified(true);

        page.signInWithUsername(username);
        page.expectSignedIn(username);
        assertEquals(Map.of("kind", "get", "mediation", "optional", "allowCredentials", 1L, "outcome", "ok"),
                page.lastWebAuthnCall());
    }

    @Test
    void anUnlistedOriginIsRefused() {
        page.open(unlisted.origin() + "/?api=" + SERVICE);
        assertEquals(SERVICE, browser.find("#api-base").getText());

        page.signUp(uniqueUsername(), "");
        String error = page.expectError("Could not reach the service at " + SERVICE);
        assertTrue(error.contains("CORS"), error);
        page.expectSignedOut();
        assertTrue(browser.webauthnCalls().isEmpty(), "no passkey prompt: the options never arrived");
        assertTrue(browser.authenticator().getCredentials().isEmpty());

        page.signInWithPasskey();
        page.expectError("Could not reach the service at " + SERVICE);
        browser.screenshot("cross-origin-refused");
    }
}
