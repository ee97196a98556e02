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

    /** Origins allowed in ceremonies, and the CORS allow-list ({@code PASSKEY_ORIGINS}). */
    @WithDefault("http://localhost:8080")
    List<String> origins();

    /** Lifetime of a ceremony challenge ({@code PASSKEY_CHALLENGE_TTL}). */
    @WithDefault("PT5M")
    Duration challengeTtl();

    /**
     * How long a request may wait on PostgreSQL and Redis before it answers 503 {@code dependency_unavailable}
     * ({@code PASSKEY_DEPENDENCY_TIMEOUT}).
     */
    @WithDefault("PT5S")
    Duration dependencyTimeout();

    /** The most passkeys one account may hold ({@code PASSKEY_MAX_PASSKEYS_PER_USER}). */
    @WithDefault("20")
    int maxPasskeysPerUser();

    /** Access tokens. */
    Jwt jwt();

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
         * Without a key file, generate one and share it through the database (dev and test only:
         * {@code PASSKEY_JWT_GENERATE_SIGNING_KEY}).
         */
        @WithDefault("false")
        boolean generateSigningKey();
    }
}
