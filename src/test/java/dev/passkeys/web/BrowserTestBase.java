package dev.passkeys.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/**
 * What every browser test shares: one Chromium per test class, named after it, and for each test a fresh tab with a
 * new virtual authenticator that verifies the user, and the reference page's helper on it.
 */
abstract class BrowserTestBase {

    static Browser browser;
    ReferencePage page;

    @BeforeAll
    static void startBrowser(TestInfo testClass) {
        browser = Browser.start(testClass.getTestClass().orElseThrow().getSimpleName());
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    @BeforeEach
    void openTab() {
        browser.newTab();
        browser.useNewAuthenticator(true);
        page = new ReferencePage(browser);
    }

    @AfterEach
    void closeTab() {
        browser.closeTab();
    }
}
