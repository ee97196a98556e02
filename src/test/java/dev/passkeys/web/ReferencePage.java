package dev.passkeys.web;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import dev.passkeys.testing.PasskeyApi;

/** The reference page as a user sees it: its forms, buttons and messages, by the ids the page documents. */
final class ReferencePage {

    private final Browser browser;

    ReferencePage(Browser browser) {
        this.browser = browser;
    }

    /** Opens the page and waits until its script has started (feature detection done). */
    ReferencePage open(String url) {
        browser.open(url);
        browser.await("the page to start", d -> !browser.findAll("#support-list li").isEmpty());
        return this;
    }

    // ---- signed out ----

    /** Opens the page and signs a new user up, without a display name; the username. */
    String openAndSignUp(String url) {
        open(url);
        String username = PasskeyApi.uniqueUsername();
        signUp(username, "");
        expectSignedIn(username);
        return username;
    }

    void signUp(String username, String displayName) {
        type("#signup-username", username);
        type("#signup-display-name", displayName);
        browser.find("#signup-button").click();
    }

    void signInWithUsername(String username) {
        type("#signin-username", username);
        browser.find("#signin-button").click();
    }

    void signInWithPasskey() {
        browser.find("#passkey-button").click();
    }

    void expectSignedIn(String username) {
        browser.await("signed in as " + username, d -> browser.find("#signed-in").isDisplayed()
                && browser.find("#whoami").getText().equals(username)
                && !browser.findAll("#passkeys li[data-id]").isEmpty());
    }

    void expectSignedOut() {
        browser.await("the sign-in forms", d -> browser.find("#signed-out").isDisplayed()
                && !browser.find("#signed-in").isDisplayed());
    }

    // ---- signed in ----

    void signOut() {
        browser.find("#signout-button").click();
        expectSignedOut();
    }

    /**
     * Signs out while the virtual authenticator fails user verification, so that the autofill request the signed-out
     * page starts ends without signing in again (as when the user ignores the autofill).
     */
    void signOutIgnoringAutofill() {
        browser.authenticator().setUserVerified(false);
        signOut();
        awaitAutofillRequest("NotAllowedError");
        browser.authenticator().setUserVerified(true);
    }

    void addPasskey(String name) {
        type("#add-passkey-name", name);
        browser.find("#add-passkey-button").click();
    }

    /** The ids of the listed passkeys, oldest first, read in one go (the list may be re-rendered between two element reads). */
    @SuppressWarnings("unchecked")
    List<String> passkeyIds() {
        return (List<String>) browser.script(
                "return Array.from(document.querySelectorAll('#passkeys li[data-id]'), li => li.dataset.id)");
    }

    void expectPasskeyIds(List<String> ids) {
        browser.await("the passkeys " + ids, d -> passkeyIds().equals(ids));
    }

    WebElement passkey(String id) {
        return browser.find("#passkeys li[data-id='" + id + "']");
    }

    String passkeyName(String id) {
        return passkey(id).findElement(By.cssSelector(".passkey-name")).getText();
    }

    /** What the passkey's details list says for {@code term} ("Created", "Last used", "Provider"). */
    String passkeyDetail(String id, String term) {
        return passkey(id).findElement(By.xpath(".//dt[.='" + term + "']/following-sibling::dd[1]")).getText();
    }

    /** The passkey's label: {@code synced} or {@code device-bound}. */
    String passkeyKind(String id) {
        return passkey(id).findElement(By.cssSelector(".passkey-kind")).getText();
    }

    /** The access token of the tab's session, as the page keeps it. */
    String accessToken() {
        return (String) browser.script("return JSON.parse(sessionStorage.getItem(sessionStorage.key(0))).accessToken");
    }

    void rename(String id, String name) {
        WebElement item = passkey(id);
        item.findElement(By.cssSelector(".rename")).click();
        WebElement input = item.findElement(By.cssSelector("form.rename-form .rename-input"));
        browser.await("the rename form", d -> input.isDisplayed());
        input.clear();
        input.sendKeys(name);
        item.findElement(By.cssSelector(".rename-save")).click();
    }

    void delete(String id) {
        passkey(id).findElement(By.cssSelector(".delete")).click();
    }

    // ---- WebAuthn calls (recorded by Browser) ----

    /** The last {@code navigator.credentials.get/create} call the page made, as {@link Browser#webauthnCalls()}. */
    Map<String, Object> lastWebAuthnCall() {
        List<Map<String, Object>> calls = browser.webauthnCalls();
        return calls.isEmpty() ? Map.of() : calls.get(calls.size() - 1);
    }

    /** Waits until the page's autofill request (conditional mediation) has ended with {@code outcome}. */
    void awaitAutofillRequest(String outcome) {
        browser.await("an autofill request ending with " + outcome, d -> {
            Map<String, Object> last = lastWebAuthnCall();
            return "conditional".equals(last.get("mediation")) && outcome.equals(last.get("outcome"));
        });
    }

    // ---- messages ----

    String status() {
        return browser.find("#status").getText();
    }

    void expectStatus(String containing) {
        browser.await("a status containing '" + containing + "'", d -> status().contains(containing));
    }

    /** Waits for an error and returns its whole text (message, then the detail line). */
    String expectError(String containing) {
        return browser.await("an error containing '" + containing + "'", d -> {
            String text = browser.find("#error").getText();
            return text.contains(containing) ? text : null;
        });
    }

    static String base64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void type(String css, String text) {
        WebElement input = browser.find(css);
        input.clear();
        input.sendKeys(text);
    }
}
