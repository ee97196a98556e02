package dev.passkeys.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything a deployment tunes, read from the {@code PASSKEY_*} environment variables. */
@ConfigMapping(prefix = "passkey")
public interface PasskeyConfig {

    /** WebAuthn RP ID: a registrable domain, no scheme or port ({@code PASSKEY_RP_ID}). */
    @WithDefault("localhost")
    String rpId();

    /** RP name shown by authenticators ({@code PASSKEY_RP_NAME}). */
    @WithDefault("Passkey Service")
    String rpName();

    /**
     * Origins allowed in ceremonies ({@code PASSKEY_ORIGINS}): web origins on the RP ID or a subdomain of it,
     * which are also the CORS allow-list, and Android apps as {@code android:apk-key-hash:<base64url>}
     * (ceremonies only, never CORS).
     */
    @WithDefault("http://localhost:8080")
    List<String> origins();

    /**
     * Web origins of the same product on other domains ({@code PASSKEY_RELATED_ORIGINS}): published at
     * {@code /.well-known/webauthn}, allowed in ceremonies and in CORS.
     */
    Optional<List<String>> relatedOrigins();

    /**
     * Android apps that share the passkeys, as {@code package:SHA-256 certificate fingerprint}
     * ({@code PASSKEY_ANDROID_APPS}): published in {@code /.well-known/assetlinks.json}.
     */
    Optional<List<String>> androidApps();

    /**
     * Apple apps that share the passkeys, as {@code TEAMID.bundle.id} ({@code PASSKEY_APPLE_APP_IDS}):
     * published in {@code /.well-known/apple-app-site-association}.
     */
    Optional<List<String>> appleAppIds();

    /**
     * WebAuthn hints for both kinds of options, most preferred first: {@code client-device},
     * {@code security-key}, {@code hybrid} ({@code PASSKEY_HINTS}).
     */
    Optional<List<String>> hints();

    /**
     * Attestation conveyance preference of register-options: {@code none}, {@code indirect} or {@code direct}
     * ({@code PASSKEY_ATTESTATION}).
     */
    @WithDefault("none")
    String attestation();

    /**
     * PEM file of trusted attestation root certificates ({@code PASSKEY_ATTESTATION_TRUST_FILE}); with
     * {@code PASSKEY_ATTESTATION=direct} only, and then only authenticators whose attestation chains to one of them
     * may register (400 {@code attestation_untrusted} otherwise).
     */
    Optional<Path> attestationTrustFile();

    /**
     * FIDO Metadata Service BLOB file, the JWT downloaded from {@code https://mds3.fidoalliance.org/}
     * ({@code PASSKEY_ATTESTATION_METADATA_FILE}); with {@code PASSKEY_ATTESTATION=direct} and
     * {@code PASSKEY_ATTESTATION_METADATA_ROOT} only. Read at start-up, never downloaded: an authenticator whose
     * AAGUID is listed and whose attestation chains to its entry's roots may register.
     */
    Optional<Path> attestationMetadataFile();

    /**
     * PEM file of the one certificate the BLOB's signing chain must end in ({@code PASSKEY_ATTESTATION_METADATA_ROOT}):
     * FIDO's published root, GlobalSign Root CA - R3, in production.
     */
    Optional<Path> attestationMetadataRoot();

    /** Lifetime of a ceremony challenge ({@code PASSKEY_CHALLENGE_TTL}). */
    @WithDefault("PT5M")
    Duration challengeTtl();

    /**
     * How long a refresh token can be used after it was issued ({@code PASSKEY_REFRESH_TTL}); every refresh
     * issues a new one, so a session lasts while it is used at least this often.
     */
    @WithDefault("P30D")
    Duration refreshTtl();

    /**
     * Absolute lifetime of a session, from the ceremony that started it, however often it is refreshed
     * ({@code PASSKEY_REFRESH_FAMILY_LIFETIME}); after it the user signs in with a passkey again.
     */
    @WithDefault("P90D")
    Duration refreshFamilyLifetime();

    /**
     * How long a request may wait on PostgreSQL and Redis before it answers 503 {@code dependency_unavailable}
     * ({@code PASSKEY_DEPENDENCY_TIMEOUT}).
     */
    @WithDefault("PT5S")
    Duration dependencyTimeout();

    /** The most passkeys one account may hold ({@code PASSKEY_MAX_PASSKEYS_PER_USER}). */
    @WithDefault("20")
    int maxPasskeysPerUser();

    /**
     * API keys of the app's own backend for {@code /api/admin} ({@code PASSKEY_ADMIN_API_KEYS}, comma-separated,
     * sent as {@code X-API-Key}); without any, the whole {@code /api/admin} tree answers 404.
     */
    Optional<List<String>> adminApiKeys();

    /** How long an enrollment ticket of the admin API can be used ({@code PASSKEY_ENROLLMENT_TTL}). */
    @WithDefault("PT15M")
    Duration enrollmentTtl();

    /**
     * Lifetime of the access token a recovery code buys, whose only power is adding a passkey
     * ({@code PASSKEY_RECOVERY_TOKEN_TTL}).
     */
    @WithDefault("PT5M")
    Duration recoveryTokenTtl();

    /** Access tokens. */
    Jwt jwt();

    /** Sessions (refresh token families). */
    Session session();

    interface Session {
        /** How often ended sessions are deleted ({@code PASSKEY_SESSION_PRUNE_EVERY}, e.g. {@code 1h}). */
        @WithDefault("1h")
        String pruneEvery();
    }

    /** The audit trail of security events. */
    Audit audit();

    interface Audit {
        /** How long security events are kept ({@code PASSKEY_AUDIT_RETENTION}). */
        @WithDefault("P90D")
        Duration retention();

        /** How often the expired events are deleted ({@code PASSKEY_AUDIT_PRUNE_EVERY}, e.g. {@code 1h}). */
        @WithDefault("1h")
        String pruneEvery();
    }

    /** Ceremony budgets, counted in Redis so that every replica shares them. */
    RateLimit rateLimit();

    interface RateLimit {
        /** Whether the budgets are enforced ({@code PASSKEY_RATE_LIMIT_ENABLED}). */
        @WithDefault("true")
        boolean enabled();

        /** The window every budget is counted over, from its first request ({@code PASSKEY_RATE_LIMIT_WINDOW}). */
        @WithDefault("PT1M")
        Duration window();

        /** Requests to the four ceremony endpoints, together, per client IP and window ({@code PASSKEY_RATE_LIMIT_PER_IP}). */
        @WithDefault("60")
        int perIp();

        /**
         * Sign-up and login options naming one username, per window, from any IP ({@code PASSKEY_RATE_LIMIT_PER_USERNAME}).
         */
        @WithDefault("10")
        int perUsername();

        /** register-verify and login-verify answers for one credential ID, per window ({@code PASSKEY_RATE_LIMIT_PER_CREDENTIAL}). */
        @WithDefault("10")
        int perCredential();

        /** Token refreshes per client IP and window ({@code PASSKEY_RATE_LIMIT_REFRESH_PER_IP}). */
        @WithDefault("30")
        int refreshPerIp();
    }

    interface Jwt {
        /** {@code iss} of issued tokens ({@code PASSKEY_JWT_ISSUER}). */
        @WithDefault("http://localhost:8080")
        String issuer();

        /** {@code aud} of issued tokens ({@code PASSKEY_JWT_AUDIENCE}). */
        @WithDefault("passkey-service")
        String audience();

        /** Access token lifetime ({@code PASSKEY_JWT_TTL}). */
        @WithDefault("PT15M")
        Duration ttl();

        /** PEM (PKCS#8) private key that signs tokens ({@code PASSKEY_JWT_SIGNING_KEY_FILE}). */
        Optional<Path> signingKeyFile();

        /**
         * Signature algorithm of issued tokens, which the signing key must fit ({@code PASSKEY_JWT_ALGORITHM}):
         * {@code ES256} (P-256), {@code EdDSA} (Ed25519) or {@code RS256} (RSA, at least 2048 bits).
         */
        @WithDefault("ES256")
        String algorithm();

        /**
         * PEM files of keys that no longer sign, or do not sign yet, but whose tokens are accepted and whose
         * public keys are published in the JWKS ({@code PASSKEY_JWT_VERIFICATION_KEY_FILES}, comma-separated;
         * PKCS#8 private or X.509 public keys, of any of the three algorithms).
         */
        Optional<List<Path>> verificationKeyFiles();

        /**
         * Without a key file, generate one and share it through the database (dev and test only:
         * {@code PASSKEY_JWT_GENERATE_SIGNING_KEY}).
         */
        @WithDefault("false")
        boolean generateSigningKey();
    }
}
