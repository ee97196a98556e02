package dev.passkeys.frontend;

import java.time.Duration;
import java.util.Set;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import dev.passkeys.config.Origins;
import dev.passkeys.config.PasskeyConfig;
import io.quarkus.vertx.http.security.CORS;
import io.quarkus.vertx.http.security.HttpSecurity;

/**
 * CORS, set up in code because its allow-list is derived: the web origins of {@code PASSKEY_ORIGINS} and every
 * related origin ({@code PASSKEY_RELATED_ORIGINS}: the same product on other domains calls the API too), never an
 * Android app's {@code android:apk-key-hash:} origin, which no browser sends. Quarkus then refuses
 * {@code quarkus.http.cors.*} settings in the configuration, so there is one place that decides.
 * <p>
 * The admin API ({@code /api/admin}) gets no CORS at all: {@link dev.passkeys.admin.AdminApiKeys} answers every
 * request to it that carries an {@code Origin} header (preflights included) before this policy runs, with a 403
 * and no {@code Access-Control-Allow-*} header; and {@code X-API-Key} is not among the allowed headers.
 */
@Singleton
public class CorsPolicy {

    static final Set<String> METHODS = Set.of("GET", "POST", "PATCH", "DELETE", "OPTIONS");
    static final Set<String> HEADERS = Set.of("Authorization", "Content-Type");
    static final Duration MAX_AGE = Duration.ofHours(1);

    void configure(@Observes HttpSecurity http, PasskeyConfig config) {
        http.cors(CORS.builder()
                .origins(Origins.cors(config))
                .methods(METHODS)
                .headers(HEADERS)
                .accessControlMaxAge(MAX_AGE)
                .build());
    }
}
