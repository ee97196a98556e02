package dev.passkeys.api;

import io.vertx.core.http.HttpServerRequest;

/**
 * Who sent a request, as far as the service can tell: the client IP is the socket's peer, or the
 * {@code X-Forwarded-For} client when the peer is one of {@code quarkus.http.proxy.trusted-proxies} (Quarkus
 * rewrites the remote address only then); the user agent is cut to a sane length.
 *
 * @param ip the client IP, never null
 * @param userAgent the {@code User-Agent} header, at most {@value #MAX_USER_AGENT} characters; null when absent
 */
public record Client(String ip, String userAgent) {

    public static final int MAX_USER_AGENT = 256;

    public static Client of(HttpServerRequest request) {
        String ip = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        String userAgent = request.getHeader("User-Agent");
        if (userAgent != null && userAgent.length() > MAX_USER_AGENT) {
            userAgent = userAgent.substring(0, MAX_USER_AGENT);
        }
        return new Client(ip, userAgent);
    }
}
