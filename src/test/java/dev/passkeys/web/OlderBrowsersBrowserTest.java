package dev.passkeys.web;

import static dev.passkeys.testing.PasskeyApi.uniqueUsername;
import static dev.passkeys.web.ReferencePage.base64url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The reference page in browsers that lack parts of WebAuthn, played by Chromium with those parts removed before
 * the page's own script runs: without the Level 3 JSON helpers the page converts options and credentials itself
 * (webauthn-json.js), and without WebAuthn at all it says so and offers no ceremony.
 */
@QuarkusTest
@TestProfile(BrowserTestProfile.class)
class OlderBrowsersBrowserTest extends BrowserTestBase {

    private static final String PAGE = BrowserPorts.origin(BrowserPorts.service()) + "/";

    private static final String WITHOUT_JSON_HELPERS = """
            delete PublicKeyCredential.parseCreationOptionsFromJSON;
            delete PublicKeyCredential.parseRequestOptionsFromJSON;
            delete PublicKeyCredential.prototype.toJSON;""";

    private static final String WITHOUT_WEBAUTHN = "delete window.PublicKeyCredential;";

    @Test
    void withoutTheJsonHelpersThePageConvertsByItself() {
        browser.beforeEveryPage(WITHOUT_JSON_HELPERS);
        page.open(PAGE);
        assertEquals(List.of("undefined", "undefined", "undefined"), browser.script("""
                return [typeof PublicKeyCredential.parseCreationOptionsFromJSON,
                        typeof PublicKeyCredential.parseRequestOptionsFromJSON,
                        typeof PublicKeyCredential.prototype.toJSON]"""));
        String support = browser.find("#support-list").getAttribute("textContent");
        assertTrue(support.contains("WebAuthn JSON helpers: fallback (webauthn-json.js)"), support);

        String username = uniqueUsername();
        page.signUp(username, "");
        page.expectSignedIn(username);
        String first = base64url(browser.authenticator().getCredentials().get(0).getId());
        assertEquals(List.of(first), page.passkeyIds());

        // Username-first: the options allow the account's one passkey, which the authenticator must recognise.
        page.signOutIgnoringAutofill();
        page.signInWithUsername(username);
        page.expectSignedIn(username);
        assertEquals(Map.of("kind", "get", "mediation", "optional", "allowCredentials", 1L, "outcome", "ok"),
                page.lastWebAuthnCall());

        // The options exclude that passkey: the same authenticator refuses, another one adds a second passkey.
        page.addPasskey("Same device");
        String error = page.expectError("already holds a passkey for your account");
        assertTrue(error.contains("InvalidStateError"), error);
        browser.useNewAuthenticator(true);
        page.addPasskey("Backup key");
        page.expectStatus("Passkey “Backup key” added.");
        String second = base64url(browser.authenticator().getCredentials().get(0).getId());
        page.expectPasskeyIds(List.of(first, second));
    }

    @Test
    void withoutWebAuthnThePageSaysPasskeysAreUnsupported() {
        browser.beforeEveryPage(WITHOUT_WEBAUTHN);
        page.open(PAGE);

        var notice = browser.find("#unsupported");
        assertTrue(notice.isDisplayed());
        assertTrue(notice.getText().contains("This browser does not support passkeys"), notice.getText());
        String support = browser.find("#support-list").getAttribute("textContent");
        assertTrue(support.contains("Passkeys (WebAuthn): no"), support);
        for (String id : List.of("#signin-username", "#signin-button", "#passkey-button", "#signup-username",
                "#signup-display-name", "#signup-button")) {
            var control = browser.find(id);
            assertFalse(control.isEnabled(), id + " is disabled");
            assertTrue(Double.parseDouble(control.getCssValue("opacity")) < 1, id + " looks disabled");
        }
        assertTrue(browser.webauthnCalls().isEmpty(), "no autofill request either");
        browser.screenshot("unsupported");
    }
}
