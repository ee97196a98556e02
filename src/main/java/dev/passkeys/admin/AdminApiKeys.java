package dev.passkeys.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import dev.passkeys.api.Problem;
import dev.passkeys.api.ProblemDocument;
import dev.passkeys.config.PasskeyConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Guards {@code /api/admin} before anything else sees the request (CORS included): without configured keys the
 * tree does not exist (404); a request that carries an {@code Origin} header comes from a browser and is refused
 * (403, without any CORS header, so no page can read the answer or pass a preflight); otherwise the
 * {@code X-API-Key} header must be one of {@code PASSKEY_ADMIN_API_KEYS} (401). Keys are compared as SHA-256
 * digests in constant time, each configured key every time.
 */
@Singleton
public class AdminApiKeys {

    public static final String HEADER = "X-API-Key";
    /** Every path of the admin API, and nothing else (not {@code /api/administrator}). */
    static final String PATHS = "/api/admin(/.*)?";

    private final List<byte[]> keyDigests;

    AdminApiKeys(PasskeyConfig config) {
        this.keyDigests = config.adminApiKeys().orElse(List.of()).stream()
                .map(String::strip).filter(key -> !key.isEmpty()).map(AdminApiKeys::sha256).toList();
    }

    void install(@Observes Router router) {
        // Right after RequestLimits (Integer.MIN_VALUE), before Quarkus' CORS filter and every resource.
        router.routeWithRegex(PATHS).order(Integer.MIN_VALUE + 1).handler(this::guard);
    }

    /** Whether the admin API is on: at least one key is configured. */
    public boolean enabled() {
        return !keyDigests.isEmpty();
    }

    private void guard(RoutingContext context) {
        Problem refusal = refusal(context.request().getHeader("Origin"), context.request().getHeader(HEADER));
        if (refusal == null) {
            context.next();
            return;
        }
        context.response()
                .setStatusCode(refusal.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, ProblemDocument.MEDIA_TYPE)
                .end(Json.encode(ProblemDocument.body(refusal)));
    }

    /** Why a request to the admin API is refused, or null when it may go on. */
    Problem refusal(String origin, String apiKey) {
        if (!enabled()) {
            return Problem.notFound("No such resource");
        }
        if (origin != null) {
            return new Problem(403, "browser_origin_refused",
                    "The admin API is for the app's own backend; it never answers a browser (a request with an Origin header)");
        }
        if (apiKey == null || apiKey.isBlank()) {
            return Problem.unauthorized("api_key_missing", "The admin API needs an " + HEADER + " header");
        }
        if (!known(apiKey.strip())) {
            return Problem.unauthorized("api_key_invalid", "The " + HEADER + " header is not a configured API key");
        }
        return null;
    }

    private boolean known(String presented) {
        byte[] digest = sha256(presented);
        boolean match = false;
        for (byte[] key : keyDigests) {
            match |= MessageDigest.isEqual(digest, key);
        }
        return match;
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
