package dev.passkeys.web;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The service on a known port (the page's origin must be in {@code passkey.origins} before it starts), allowing
 * that origin and one more: the page served from a second port, calling the service across origins.
 */
public class BrowserTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.http.test-port", String.valueOf(BrowserPorts.service()),
                "passkey.origins", BrowserPorts.origin(BrowserPorts.service()) + ","
                        + BrowserPorts.origin(BrowserPorts.listedOrigin()));
    }
}
