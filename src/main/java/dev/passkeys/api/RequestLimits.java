package dev.passkeys.api;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses a body announced larger than {@code quarkus.http.limits.max-body-size} with a problem document
 * before it is read (Quarkus' own limit answers with an empty 413).
 */
@Singleton
public class RequestLimits {

    private final long maxBodyBytes;

    RequestLimits(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBodyBytes = maxBodySize.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::checkContentLength);
    }

    private void checkContentLength(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && tooLarge(length)) {
            Problem problem = new Problem(413, "payload_too_large",
                    "The request body exceeds the limit of " + maxBodyBytes + " bytes");
            context.response()
                    .setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, ProblemDocument.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(Json.encode(ProblemDocument.body(problem)));
            return;
        }
        context.next();
    }

    private boolean tooLarge(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
