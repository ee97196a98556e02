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

    /** Lifetime of a ceremony challenge ({@code PASSKEY_CHALLENGE_TTL}). */
    @WithDefault("PT5M")
    Duration challengeTtl();

    /** Access tokens. */
    Jwt jwt();

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
