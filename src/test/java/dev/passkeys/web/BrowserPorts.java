package dev.passkeys.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * The three ports of the browser tests, picked free once per JVM so that test runs can go side by side: the
 * service's, a second page origin listed in {@code passkey.origins}, and a third one that is not. Kept in system
 * properties (shared by every class loader of the run); set them with {@code -D} to pin a port.
 */
final class BrowserPorts {

    private BrowserPorts() {
    }

    /** The service, which also serves the reference page at {@code /}. */
    static int service() {
        return port("passkeys.browser-test.service-port");
    }

    /** A second origin for the page, listed in {@code passkey.origins} (and so in the CORS allow-list). */
    static int listedOrigin() {
        return port("passkeys.browser-test.listed-origin-port");
    }

    /** A third origin for the page, in neither list. */
    static int unlistedOrigin() {
        return port("passkeys.browser-test.unlisted-origin-port");
    }

    static String origin(int port) {
        return "http://localhost:" + port;
    }

    private static synchronized int port(String property) {
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
}
