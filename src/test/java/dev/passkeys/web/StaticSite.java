package dev.passkeys.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The reference page's static files (the application's {@code META-INF/resources}) served from another port, as a
 * frontend on its own origin would serve them: a page that calls the service across origins.
 */
final class StaticSite implements AutoCloseable {

    private static final String ROOT = "META-INF/resources/";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8");

    private final HttpServer server;
    private final int port;

    private StaticSite(HttpServer server, int port) {
        this.server = server;
        this.port = port;
    }

    static StaticSite start(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            server.createContext("/", StaticSite::serve);
            server.start();
            return new StaticSite(server, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://localhost:<port>}: the RP ID is {@code localhost}, so WebAuthn works on this origin too. */
    String origin() {
        return BrowserPorts.origin(port);
    }

    private static void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String file = path.equals("/") ? "index.html" : path.substring(1);
            String extension = file.substring(file.lastIndexOf('.') + 1);
            InputStream in = file.contains("..") || !exchange.getRequestMethod().equals("GET") ? null
                    : StaticSite.class.getClassLoader().getResourceAsStream(ROOT + file);
            if (in == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            try (in) {
                byte[] body = in.readAllBytes();
                exchange.getResponseHeaders().set("Content-Type", TYPES.getOrDefault(extension, "application/octet-stream"));
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
