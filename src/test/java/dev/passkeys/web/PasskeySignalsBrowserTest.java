package dev.passkeys.web;

import static dev.passkeys.testing.PasskeyApi.uniqueUsername;
import static dev.passkeys.web.ReferencePage.base64url;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.virtualauthenticator.Credential;

import io.quarkus.test.junit.QuarkusTest;
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
@TestProfile(BrowserTestProfile.class)
class PasskeySignalsBrowserTest extends BrowserTestBase {

    private static final String PAGE = BrowserPorts.origin(BrowserPorts.service()) + "/";

    /** Records each Signal API call in window.passkeySignals, before the page's script runs. */
    private static final String RECORD_SIGNALS = """
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

    @BeforeEach
    void recordSignals() {
        browser.beforeEveryPage(RECORD_SIGNALS);
    }

    @Test
    void thePageSignalsTheAcceptedPasskeysAndTheUserAfterEveryChange() {
        page.open(PAGE);

        // Sign-up signs in: both signals, with the user handle the authenticator was given.
        String username = uniqueUsername();
        page.signUp(username, "Ada Lovelace");
        page.expectSignedIn(username);
        Credential first = browser.authenticator().getCredentials().get(0);
        String firstId = base64url(first.getId());
        String userHandle = base64url(first.getUserHandle());
        assertSignals(0, List.of(firstId), userHandle, username, "Ada Lovelace");

        // A second passkey, from another authenticator.
        int before = calls().size();
        browser.useNewAuthenticator(true);
        page.addPasskey("Backup key");
        browser.await("two passkeys", d -> page.passkeyIds().size() == 2);
        String secondId = page.passkeyIds().get(1);
        assertSignals(before, List.of(firstId, secondId), userHandle, username, "Ada Lovelace");

        // A rename.
        before = calls().size();
        page.rename(secondId, "Work key");
        assertSignals(before, List.of(firstId, secondId), userHandle, username, "Ada Lovelace");

        // A deletion: the deleted passkey is no longer among the accepted ones.
        before = calls().size();
        page.delete(firstId);
        page.expectPasskeyIds(List.of(secondId));
        assertSignals(before, List.of(secondId), userHandle, username, "Ada Lovelace");

        // Signing in with the deleted passkey: the service does not know it, and the page says so to the browser.
        page.signOutIgnoringAutofill();
        before = calls().size();
        browser.useNewAuthenticator(true).addCredential(first);
        page.signInWithPasskey();
        Map<String, Object> unknown = awaitCall(before, "signalUnknownCredential");
        assertEquals(Map.of("rpId", "localhost", "credentialId", firstId), unknown);
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
        return browser.await(name, d -> calls().stream().skip(from)
                .filter(wanted).findFirst().map(call -> (Map<String, Object>) call.get("options")).orElse(null));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> calls() {
        return (List<Map<String, Object>>) browser.script("return window.passkeySignals || []");
    }
}
