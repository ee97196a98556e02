package dev.passkeys.web;

import static dev.passkeys.testing.PasskeyApi.json;
import static dev.passkeys.testing.PasskeyApi.registerOptions;
import static dev.passkeys.testing.PasskeyApi.registerVerify;
import static dev.passkeys.testing.PasskeyApi.uniqueUsername;
import static dev.passkeys.web.ReferencePage.base64url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.virtualauthenticator.Credential;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.passkeys.testing.CeremonyOptions;
import dev.passkeys.testing.SoftwareAuthenticator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The reference page served by the service at {@code /}, used as a person would in Chromium, with a virtual
 * authenticator standing in for the platform's (one fresh tab and authenticator per test).
 *
 * <p>While signed out the page keeps a conditional-mediation request pending (passkeys offered in the username
 * field's autofill). With a virtual authenticator Chromium answers it at once with a matching passkey, as if the
 * user had picked it. Tests that want the user to ignore the autofill let the authenticator fail user verification
 * meanwhile, so that the request ends without signing in.
 */
@QuarkusTest
@TestProfile(BrowserTestProfile.class)
class ReferencePageBrowserTest extends BrowserTestBase {

    private static final String PAGE = BrowserPorts.origin(BrowserPorts.service()) + "/";
    private static final UUID BITWARDEN = UUID.fromString("d548826e-79b4-db40-a3d8-11116f7e8349");

    @Test
    void signUpCreatesAPasskeyAndSignsIn() {
        page.open(PAGE);
        assertEquals("username webauthn", browser.find("#signin-username").getAttribute("autocomplete"));
        String support = browser.find("#support-list").getAttribute("textContent");
        assertTrue(support.contains("Passkeys (WebAuthn): yes"), support);
        assertTrue(support.contains("Passkey autofill (conditional UI): yes"), support);

        String username = uniqueUsername();
        page.signUp(username, "Ada Lovelace");
        page.expectSignedIn(username);
        page.expectStatus("Welcome, " + username);

        assertEquals(" (Ada Lovelace)", browser.find("#whoami-display-name").getAttribute("textContent"));
        String claims = browser.find("#claims").getText();
        for (String claim : List.of("\"preferred_username\": \"" + username + "\"", "\"sub\"", "\"iss\"", "\"exp\"",
                "\"amr\"")) {
            assertTrue(claims.contains(claim), claims);
        }
        assertEquals(Boolean.TRUE, browser.script("const claims = arguments[0];"
                + "return claims.scrollWidth <= claims.clientWidth", browser.find("#claims")),
                "the claims fit their box: no line runs under its edge");
        assertFalse(browser.find("#token-expiry").getText().isBlank());
        assertFalse(browser.find("#token-expiry").getAttribute("datetime").isBlank());

        List<Credential> credentials = browser.authenticator().getCredentials();
        assertEquals(1, credentials.size());
        assertTrue(credentials.get(0).isResidentCredential(), "a discoverable credential (residentKey: required)");
        String id = base64url(credentials.get(0).getId());
        assertEquals(List.of(id), page.passkeyIds(), "the list shows the authenticator's credential");
        var kind = page.passkey(id).findElement(By.cssSelector(".passkey-kind"));
        assertEquals("device-bound", kind.getText());
        assertTrue(kind.getAttribute("class").contains("device-bound"));
        String details = page.passkey(id).getText();
        assertTrue(details.contains("Created") && details.contains("Last used") && details.contains("Provider"), details);

        browser.screenshot("signed-in");
    }

    @Test
    void signOutForgetsTheToken() {
        String username = page.openAndSignUp(PAGE);

        browser.authenticator().setUserVerified(false); // the user ignores the autofill from now on
        page.signOut();
        page.expectStatus("You are signed out.");
        assertEquals(0L, browser.script("return sessionStorage.length"));
        for (String id : List.of("#whoami", "#claims", "#token-expiry")) {
            assertEquals("", browser.find(id).getAttribute("textContent"), id + " is emptied");
        }
        page.awaitAutofillRequest("NotAllowedError");

        page.open(PAGE);
        page.awaitAutofillRequest("NotAllowedError");
        page.expectSignedOut();
    }

    @Test
    void usernameFirstSignIn() {
        String username = page.openAndSignUp(PAGE);
        page.signOutIgnoringAutofill();

        page.signInWithUsername(username);
        expectSignedInWithAGet(username, "optional", 1);
        String id = page.passkeyIds().get(0);
        assertFalse(page.passkey(id).getText().contains("never"), "a login records when the passkey was last used");
    }

    @Test
    void usernamelessSignInWithTheButton() {
        String username = page.openAndSignUp(PAGE);
        page.signOutIgnoringAutofill();

        page.signInWithPasskey();
        expectSignedInWithAGet(username, "optional", 0);
    }

    @Test
    void usernamelessSignInFromTheAutofill() {
        String username = page.openAndSignUp(PAGE);

        // Signed out, the page offers the passkey in the username field's autofill; the user picks it.
        browser.find("#signout-button").click();
        expectSignedInWithAGet(username, "conditional", 0);
    }

    @Test
    void aSecondPasskeyFromAnotherAuthenticator() {
        String username = page.openAndSignUp(PAGE);
        String first = page.passkeyIds().get(0);

        // The same authenticator again: the options exclude its passkey, so the browser refuses.
        page.addPasskey("Same device");
        String error = page.expectError("already holds a passkey for your account");
        assertTrue(error.contains("InvalidStateError"), error);
        assertEquals(List.of(first), page.passkeyIds());

        browser.useNewAuthenticator(true);
        page.addPasskey("Backup key");
        page.expectStatus("Passkey “Backup key” added.");
        browser.await("two passkeys", d -> page.passkeyIds().size() == 2);
        String second = page.passkeyIds().get(1);
        assertEquals(List.of(first, second), page.passkeyIds());
        assertEquals(base64url(browser.authenticator().getCredentials().get(0).getId()), second);
        assertEquals("Backup key", page.passkeyName(second));
        assertEquals("", browser.find("#add-passkey-name").getAttribute("value"));

        page.signOutIgnoringAutofill();
        page.signInWithUsername(username);
        page.expectSignedIn(username);
    }

    @Test
    void aPasskeyFromASyncedProviderIsLabelledSynced() {
        browser.useNewSyncedAuthenticator();
        page.openAndSignUp(PAGE);
        String id = page.passkeyIds().get(0);

        assertEquals("synced", page.passkeyKind(id));
        assertTrue(page.passkey(id).findElement(By.cssSelector(".passkey-kind")).getAttribute("class")
                .contains("synced"));
    }

    @Test
    void theProviderIsTheOneTheServiceNames() {
        page.openAndSignUp(PAGE);
        String first = page.passkeyIds().get(0);

        // A Bitwarden passkey (known by its AAGUID), added through the API with the page's own session.
        String token = page.accessToken();
        ObjectNode options = json(registerOptions(token, Map.of()).then().statusCode(200).extract().response());
        ObjectNode bitwarden = new SoftwareAuthenticator().create(options, CeremonyOptions.defaults()
                .withOrigin(BrowserPorts.origin(BrowserPorts.service())).withAaguid(BITWARDEN));
        String second = registerVerify(token, bitwarden, "Vault").then().statusCode(201).extract().path("passkey.id");

        page.open(PAGE);
        page.expectPasskeyIds(List.of(first, second));
        assertEquals("Vault", page.passkeyName(second));
        assertEquals("Bitwarden", page.passkeyDetail(second, "Provider"));
        // Chromium's virtual authenticator has an AAGUID of its own, which names no provider.
        String unknown = page.passkeyDetail(first, "Provider");
        assertTrue(unknown.startsWith("unknown (AAGUID "), unknown);
    }

    @Test
    void renameAPasskey() {
        String username = page.openAndSignUp(PAGE);
        String id = page.passkeyIds().get(0);

        page.rename(id, "Work laptop");
        page.expectStatus("Passkey renamed to “Work laptop”.");
        browser.await("the new name", d -> page.passkeyName(id).equals("Work laptop"));

        page.open(PAGE); // still signed in (the tab's session), and the name comes from the service
        page.expectSignedIn(username);
        assertEquals("Work laptop", page.passkeyName(id));
    }

    @Test
    void deleteAPasskeyThenSignInWithItIsRefusedAndSignalled() {
        String username = page.openAndSignUp(PAGE);
        Credential firstCredential = browser.authenticator().getCredentials().get(0);
        String first = base64url(firstCredential.getId());

        browser.useNewAuthenticator(true);
        page.addPasskey("");
        browser.await("two passkeys", d -> page.passkeyIds().size() == 2);
        String second = page.passkeyIds().get(1);

        page.delete(first);
        page.expectPasskeyIds(List.of(second));
        page.expectStatus("deleted");

        // The deleted passkey is still in its authenticator: signing in with it is refused, and the page asks
        // the browser to forget it (Signal API).
        page.signOutIgnoringAutofill();
        browser.useNewAuthenticator(true).addCredential(firstCredential);
        browser.script("""
                const original = PublicKeyCredential.signalUnknownCredential;
                window.signalled = null;
                PublicKeyCredential.signalUnknownCredential = (options) => {
                  window.signalled = options;
                  return original.call(PublicKeyCredential, options);
                };""");
        page.signInWithPasskey();
        String error = page.expectError("code: unknown_credential");
        assertTrue(error.contains("not registered here"), error);
        page.expectSignedOut();
        @SuppressWarnings("unchecked")
        var signalled = (Map<String, Object>) browser.await("signalUnknownCredential",
                d -> browser.script("return window.signalled"));
        assertEquals(Map.of("rpId", "localhost", "credentialId", first), signalled);
        browser.await("the browser to forget the passkey", d -> browser.authenticator().getCredentials().isEmpty());
    }

    @Test
    void deletingTheLastPasskeyIsRefused() {
        String username = page.openAndSignUp(PAGE);
        String id = page.passkeyIds().get(0);

        page.delete(id);
        String error = page.expectError("code: last_passkey");
        assertTrue(error.contains("your only passkey"), error);
        assertTrue(error.contains("HTTP 409"), error);
        assertEquals(List.of(id), page.passkeyIds());
    }

    @Test
    void aCancelledPromptIsExplained() {
        browser.useNewAuthenticator(false); // user verification fails, as when the user dismisses the prompt
        page.open(PAGE);
        page.signUp(uniqueUsername(), "");

        String error = page.expectError("NotAllowedError");
        assertTrue(error.contains("The passkey prompt was cancelled or timed out"), error);
        assertTrue(browser.webauthnCalls().stream()
                .anyMatch(call -> call.get("kind").equals("create") && call.get("outcome").equals("NotAllowedError")),
                browser.webauthnCalls().toString());
        page.expectSignedOut();
        assertTrue(browser.authenticator().getCredentials().isEmpty());
    }

    @Test
    void aProblemFromTheServiceIsShownWithItsCode() {
        String username = page.openAndSignUp(PAGE);
        browser.authenticator().setUserVerified(false); // the user ignores the autofill from now on
        page.signOut();

        page.signUp(username, "");
        String error = page.expectError("code: username_taken");
        assertTrue(error.contains("already taken"), error);
        assertTrue(error.contains("HTTP 409"), error);
    }

    /** Signed in as {@code username} by a successful {@code navigator.credentials.get}, as the page's last call. */
    private void expectSignedInWithAGet(String username, String mediation, long allowCredentials) {
        page.expectSignedIn(username);
        page.expectStatus("Signed in as " + username);
        assertEquals(Map.of("kind", "get", "mediation", mediation, "allowCredentials", allowCredentials, "outcome", "ok"),
                page.lastWebAuthnCall());
    }
}
