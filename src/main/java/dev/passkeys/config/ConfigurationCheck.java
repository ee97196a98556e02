package dev.passkeys.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Singleton;

/**
 * Refuses to start with a configuration that would fail later, naming the variable to fix: an origin
 * outside the RP ID fails every ceremony, a malformed issuer breaks every downstream verifier.
 */
@Singleton
public class ConfigurationCheck {

    void onStart(@Observes Startup startup, PasskeyConfig config) {
        check(config);
    }

    static void check(PasskeyConfig config) {
        String rpId = config.rpId();
        if (!rpId.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")) {
            throw invalid("PASSKEY_RP_ID", "must be a lowercase domain without scheme, port or path, got '" + rpId + "'");
        }
        if (config.origins().isEmpty()) {
            throw invalid("PASSKEY_ORIGINS", "must list at least one origin");
        }
        for (String origin : config.origins()) {
            checkOrigin(origin, rpId);
        }
        checkUrl("PASSKEY_JWT_ISSUER", config.jwt().issuer());
        if (config.jwt().audience().isBlank()) {
            throw invalid("PASSKEY_JWT_AUDIENCE", "must not be blank");
        }
        checkPositive("PASSKEY_JWT_TTL", config.jwt().ttl());
        checkPositive("PASSKEY_CHALLENGE_TTL", config.challengeTtl());
        checkPositive("PASSKEY_DEPENDENCY_TIMEOUT", config.dependencyTimeout());
        checkRateLimit(config.rateLimit());
        checkPositive("PASSKEY_MAX_PASSKEYS_PER_USER", config.maxPasskeysPerUser());
        checkPositive("PASSKEY_AUDIT_RETENTION", config.audit().retention());
    }

    private static void checkOrigin(String origin, String rpId) {
        URI uri = checkUrl("PASSKEY_ORIGINS", origin);
        boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
                && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        if (!bare) {
            throw invalid("PASSKEY_ORIGINS", "'" + origin + "' must be an origin: scheme, host and optional port only");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (!host.equals(rpId) && !host.endsWith("." + rpId)) {
            throw invalid("PASSKEY_ORIGINS", "the host of '" + origin + "' is neither the RP ID '" + rpId
                    + "' nor a subdomain of it");
        }
        boolean local = host.equals("localhost") || host.endsWith(".localhost");
        if (!"https".equals(uri.getScheme()) && !local) {
            throw invalid("PASSKEY_ORIGINS", "'" + origin + "' must use https (plain http is only for localhost)");
        }
    }

    private static URI checkUrl(String variable, String value) {
        try {
            URI uri = new URI(value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw invalid(variable, "'" + value + "' is not an absolute http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw invalid(variable, "'" + value + "' is not a valid URL");
        }
    }

    private static void checkRateLimit(PasskeyConfig.RateLimit limits) {
        checkPositive("PASSKEY_RATE_LIMIT_WINDOW", limits.window());
        checkPositive("PASSKEY_RATE_LIMIT_PER_IP", limits.perIp());
        checkPositive("PASSKEY_RATE_LIMIT_PER_USERNAME", limits.perUsername());
        checkPositive("PASSKEY_RATE_LIMIT_PER_CREDENTIAL", limits.perCredential());
    }

    private static void checkPositive(String variable, int value) {
        if (value < 1) {
            throw invalid(variable, "must be a positive number, got " + value);
        }
    }

    private static void checkPositive(String variable, Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw invalid(variable, "must be a positive ISO-8601 duration, got " + duration);
        }
    }

    private static InvalidConfigurationException invalid(String variable, String problem) {
        return new InvalidConfigurationException(variable + " " + problem);
    }
}
