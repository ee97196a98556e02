package dev.passkeys.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Singleton;

/**
 * Refuses to start with a configuration that would fail later, naming the variable to fix: an origin
 * outside the RP ID fails every ceremony (unless it is a related origin), a malformed issuer breaks every
 * downstream verifier, a malformed app entry publishes an association file no platform accepts.
 */
@Singleton
public class ConfigurationCheck {

    void onStart(@Observes Startup startup, PasskeyConfig config) {
        check(config);
        var quarkus = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        checkProxy(quarkus.getOptionalValue("quarkus.http.proxy.proxy-address-forwarding", Boolean.class).orElse(false),
                quarkus.getOptionalValues("quarkus.http.proxy.trusted-proxies", String.class).orElse(List.of()));
    }

    /**
     * Behind a reverse proxy the client IP (rate limits, audit trail) comes from {@code X-Forwarded-For}; Quarkus
     * believes it from every peer unless {@code QUARKUS_HTTP_PROXY_TRUSTED_PROXIES} lists the proxies, so
     * forwarding without that list would let any client choose its IP.
     */
    static void checkProxy(boolean forwarding, List<String> trustedProxies) {
        if (forwarding && trustedProxies.stream().allMatch(String::isBlank)) {
            throw invalid("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES", "must list the reverse proxies' addresses or CIDR when "
                    + "QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING is true: otherwise any client could forge its IP "
                    + "with X-Forwarded-For");
        }
    }

    /** Values of {@code PASSKEY_HINTS}: WebAuthn Level 3's {@code PublicKeyCredentialHint}. */
    static final Set<String> HINTS = Set.of("client-device", "security-key", "hybrid");

    static void check(PasskeyConfig config) {
        String rpId = config.rpId();
        if (!rpId.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")) {
            throw invalid("PASSKEY_RP_ID", "must be a lowercase domain without scheme, port or path, got '" + rpId + "'");
        }
        List<String> related = Origins.related(config);
        for (String origin : related) {
            if (Origins.isAndroid(origin)) {
                throw invalid("PASSKEY_RELATED_ORIGINS", "'" + origin + "' is an Android app: list it in PASSKEY_ORIGINS");
            }
            checkWebOrigin("PASSKEY_RELATED_ORIGINS", origin);
        }
        if (config.origins().isEmpty()) {
            throw invalid("PASSKEY_ORIGINS", "must list at least one origin");
        }
        for (String origin : config.origins()) {
            if (Origins.isAndroid(origin)) {
                checkAndroidOrigin(origin);
            } else {
                checkOrigin(origin, rpId, related);
            }
        }
        checkApps(config);
        checkHints(config.hints().orElse(List.of()));
        checkAttestation(config);
        checkUrl("PASSKEY_JWT_ISSUER", config.jwt().issuer());
        if (config.jwt().audience().isBlank()) {
            throw invalid("PASSKEY_JWT_AUDIENCE", "must not be blank");
        }
        checkPositive("PASSKEY_JWT_TTL", config.jwt().ttl());
        checkPositive("PASSKEY_CHALLENGE_TTL", config.challengeTtl());
        checkPositive("PASSKEY_REFRESH_TTL", config.refreshTtl());
        checkPositive("PASSKEY_REFRESH_FAMILY_LIFETIME", config.refreshFamilyLifetime());
        checkPositive("PASSKEY_DEPENDENCY_TIMEOUT", config.dependencyTimeout());
        checkRateLimit(config.rateLimit());
        checkPositive("PASSKEY_MAX_PASSKEYS_PER_USER", config.maxPasskeysPerUser());
        checkPositive("PASSKEY_AUDIT_RETENTION", config.audit().retention());
        checkPositive("PASSKEY_ENROLLMENT_TTL", config.enrollmentTtl());
        checkPositive("PASSKEY_RECOVERY_TOKEN_TTL", config.recoveryTokenTtl());
        for (String key : config.adminApiKeys().orElse(List.of())) {
            if (key.strip().length() < MIN_ADMIN_API_KEY_LENGTH) {
                throw invalid("PASSKEY_ADMIN_API_KEYS", "every key must have at least " + MIN_ADMIN_API_KEY_LENGTH
                        + " characters (e.g. openssl rand -base64 32)");
            }
        }
    }

    /** An admin API key is a secret the app's backend holds: long enough not to be guessed. */
    static final int MIN_ADMIN_API_KEY_LENGTH = 24;

    /** A web origin of PASSKEY_ORIGINS: on the RP ID or a subdomain of it, unless it is a related origin. */
    private static void checkOrigin(String origin, String rpId, List<String> related) {
        String host = checkWebOrigin("PASSKEY_ORIGINS", origin);
        if (!host.equals(rpId) && !host.endsWith("." + rpId) && !related.contains(origin)) {
            throw invalid("PASSKEY_ORIGINS", "the host of '" + origin + "' is neither the RP ID '" + rpId
                    + "' nor a subdomain of it (an origin on another domain goes in PASSKEY_RELATED_ORIGINS, "
                    + "published at https://" + rpId + "/.well-known/webauthn)");
        }
    }

    /** Scheme, host and optional port only; https unless on localhost. Returns the host, lower case. */
    private static String checkWebOrigin(String variable, String origin) {
        URI uri = checkUrl(variable, origin);
        boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
                && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        if (!bare) {
            throw invalid(variable, "'" + origin + "' must be an origin: scheme, host and optional port only");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        boolean local = host.equals("localhost") || host.endsWith(".localhost");
        if (!"https".equals(uri.getScheme()) && !local) {
            throw invalid(variable, "'" + origin + "' must use https (plain http is only for localhost)");
        }
        return host;
    }

    /** {@code android:apk-key-hash:} then the unpadded base64url SHA-256 of the app's signing certificate. */
    private static void checkAndroidOrigin(String origin) {
        String hash = origin.substring(Origins.ANDROID_PREFIX.length());
        boolean valid = hash.matches("[A-Za-z0-9_-]{43}");
        if (valid) {
            valid = Base64.getUrlDecoder().decode(hash).length == 32;
        }
        if (!valid) {
            throw invalid("PASSKEY_ORIGINS", "'" + origin + "' must be " + Origins.ANDROID_PREFIX
                    + "<the unpadded base64url SHA-256 of the app's signing certificate, 43 characters>");
        }
    }

    private static void checkApps(PasskeyConfig config) {
        try {
            AssociatedApps.android(config);
        } catch (IllegalArgumentException e) {
            throw invalid("PASSKEY_ANDROID_APPS", e.getMessage());
        }
        try {
            AssociatedApps.apple(config);
        } catch (IllegalArgumentException e) {
            throw invalid("PASSKEY_APPLE_APP_IDS", e.getMessage());
        }
    }

    private static void checkHints(List<String> hints) {
        Set<String> seen = new HashSet<>();
        for (String hint : hints) {
            if (!HINTS.contains(hint)) {
                throw invalid("PASSKEY_HINTS", "'" + hint + "' is not a WebAuthn hint: use client-device, security-key "
                        + "or hybrid, most preferred first");
            }
            if (!seen.add(hint)) {
                throw invalid("PASSKEY_HINTS", "lists '" + hint + "' twice");
            }
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

    /** Values of {@code PASSKEY_ATTESTATION}: WebAuthn's {@code AttestationConveyancePreference}, less enterprise. */
    static final Set<String> ATTESTATION = Set.of("none", "indirect", "direct");

    private static void checkAttestation(PasskeyConfig config) {
        if (!ATTESTATION.contains(config.attestation())) {
            throw invalid("PASSKEY_ATTESTATION", "must be none, indirect or direct, got '" + config.attestation() + "'");
        }
        if (config.attestationTrustFile().isPresent() && !"direct".equals(config.attestation())) {
            throw invalid("PASSKEY_ATTESTATION_TRUST_FILE", "needs PASSKEY_ATTESTATION=direct: only a direct "
                    + "attestation shows the authenticator's certificate chain");
        }
        boolean metadataFile = config.attestationMetadataFile().isPresent();
        boolean metadataRoot = config.attestationMetadataRoot().isPresent();
        if (metadataFile && !metadataRoot) {
            throw invalid("PASSKEY_ATTESTATION_METADATA_ROOT", "must name the PEM root certificate the BLOB of "
                    + "PASSKEY_ATTESTATION_METADATA_FILE is signed under (FIDO's: GlobalSign Root CA - R3)");
        }
        if (metadataRoot && !metadataFile) {
            throw invalid("PASSKEY_ATTESTATION_METADATA_FILE", "must name the FIDO Metadata Service BLOB file that "
                    + "PASSKEY_ATTESTATION_METADATA_ROOT verifies");
        }
        if (metadataFile && !"direct".equals(config.attestation())) {
            throw invalid("PASSKEY_ATTESTATION_METADATA_FILE", "needs PASSKEY_ATTESTATION=direct: only a direct "
                    + "attestation shows the authenticator's certificate chain");
        }
    }

    private static void checkRateLimit(PasskeyConfig.RateLimit limits) {
        checkPositive("PASSKEY_RATE_LIMIT_WINDOW", limits.window());
        checkPositive("PASSKEY_RATE_LIMIT_PER_IP", limits.perIp());
        checkPositive("PASSKEY_RATE_LIMIT_REFRESH_PER_IP", limits.refreshPerIp());
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
