package dev.passkeys.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.passkeys.testing.TestConfig;

class ConfigurationCheckTest {

    @Test
    void theDefaultsAndSubdomainOriginsAreAccepted() {
        assertDoesNotThrow(() -> ConfigurationCheck.check(TestConfig.defaults()));
        assertDoesNotThrow(() -> ConfigurationCheck.check(TestConfig.defaults().withRpId("example.com")
                .withOrigins("https://example.com", "https://app.example.com:8443")
                .withIssuer("https://auth.example.com")));
    }

    @Test
    void anOriginOutsideTheRpIdIsNamed() {
        assertRefused("PASSKEY_ORIGINS", TestConfig.defaults().withRpId("example.com").withOrigins("https://example.org"));
        assertRefused("PASSKEY_ORIGINS", TestConfig.defaults().withRpId("example.com").withOrigins("https://notexample.com"));
    }

    @Test
    void malformedValuesAreNamed() {
        assertRefused("PASSKEY_ORIGINS", TestConfig.defaults().withOrigins("localhost:8080"));
        assertRefused("PASSKEY_ORIGINS", TestConfig.defaults().withOrigins("http://localhost:8080/app"));
        assertRefused("PASSKEY_ORIGINS", TestConfig.defaults().withRpId("example.com").withOrigins("http://example.com"));
        assertRefused("PASSKEY_RP_ID", TestConfig.defaults().withRpId("https://example.com"));
        assertRefused("PASSKEY_RP_ID", TestConfig.defaults().withRpId("example.com:443"));
        assertRefused("PASSKEY_JWT_ISSUER", TestConfig.defaults().withIssuer("not a url"));
        assertRefused("PASSKEY_CHALLENGE_TTL", TestConfig.defaults().withChallengeTtl(Duration.ZERO));
        assertRefused("PASSKEY_RATE_LIMIT_PER_IP", TestConfig.defaults().withRateLimit(
                new TestConfig.TestRateLimit(true, Duration.ofMinutes(1), 0, 10, 10)));
        assertRefused("PASSKEY_RATE_LIMIT_WINDOW", TestConfig.defaults().withRateLimit(
                new TestConfig.TestRateLimit(true, Duration.ZERO, 60, 10, 10)));
        assertRefused("PASSKEY_REFRESH_TTL", TestConfig.defaults().withRefreshTtl(Duration.ofDays(-1)));
        assertRefused("PASSKEY_REFRESH_FAMILY_LIFETIME", TestConfig.defaults().withRefreshFamilyLifetime(Duration.ZERO));
    }

    /** base64url SHA-256 of an app's signing certificate, and the same 32 bytes as a keytool fingerprint. */
    static final String APK_KEY_HASH = "FG3pg8VzBlDY7rmVLzT8ZBagg0LmHb6oigSWsj_PROU";
    static final String FINGERPRINT = "14:6D:E9:83:C5:73:06:50:D8:EE:B9:95:2F:34:FC:64:16:A0:83:42:E6:1D:BE:A8:8A:04:96:B2:3F:CF:44:E5";

    @Test
    void anOriginOnAnotherDomainIsAcceptedExactlyWhenItIsARelatedOrigin() {
        TestConfig related = TestConfig.defaults().withRpId("example.com")
                .withOrigins("https://example.com", "https://shop.example.org")
                .withRelatedOrigins("https://shop.example.org", "https://example.co.uk");
        assertDoesNotThrow(() -> ConfigurationCheck.check(related));
        assertDoesNotThrow(() -> ConfigurationCheck.check(related.withOrigins("https://example.com")),
                "a related origin need not be repeated in PASSKEY_ORIGINS");

        InvalidConfigurationException refused = assertThrows(InvalidConfigurationException.class,
                () -> ConfigurationCheck.check(related.withOrigins("https://example.com", "https://other.example.org")));
        assertTrue(refused.getMessage().contains("PASSKEY_ORIGINS"), refused.getMessage());
        assertTrue(refused.getMessage().contains("PASSKEY_RELATED_ORIGINS"), "says where such an origin belongs: "
                + refused.getMessage());
        assertRefused("PASSKEY_RELATED_ORIGINS", related.withRelatedOrigins("http://shop.example.org"));
        assertRefused("PASSKEY_RELATED_ORIGINS", related.withRelatedOrigins("https://shop.example.org/login"));
        assertRefused("PASSKEY_RELATED_ORIGINS", related.withRelatedOrigins("shop.example.org"));
        assertRefused("PASSKEY_RELATED_ORIGINS", related.withRelatedOrigins("android:apk-key-hash:" + APK_KEY_HASH));
    }

    @Test
    void androidOriginsAreApkKeyHashes() {
        assertDoesNotThrow(() -> ConfigurationCheck.check(TestConfig.defaults()
                .withOrigins("http://localhost:8080", "android:apk-key-hash:" + APK_KEY_HASH)));
        assertRefused("PASSKEY_ORIGINS", TestConfig.defaults().withOrigins("android:apk-key-hash:"));
        assertRefused("PASSKEY_ORIGINS", TestConfig.defaults().withOrigins("android:apk-key-hash:" + APK_KEY_HASH + "="));
        assertRefused("PASSKEY_ORIGINS", TestConfig.defaults().withOrigins("android:apk-key-hash:" + FINGERPRINT));
        assertRefused("PASSKEY_ORIGINS", TestConfig.defaults().withOrigins("android:com.example.app"));
    }

    @Test
    void nativeAppsAreChecked() {
        assertDoesNotThrow(() -> ConfigurationCheck.check(TestConfig.defaults()
                .withAndroidApps("com.example.app:" + FINGERPRINT, "com.example.app:" + FINGERPRINT.toLowerCase())
                .withAppleAppIds("ABCDE12345.com.example.app", "ABCDE12345.com.example.app-beta")));
        assertRefused("PASSKEY_ANDROID_APPS", TestConfig.defaults().withAndroidApps("com.example.app"));
        assertRefused("PASSKEY_ANDROID_APPS", TestConfig.defaults().withAndroidApps("com.example.app:14:6D:E9"));
        assertRefused("PASSKEY_ANDROID_APPS", TestConfig.defaults().withAndroidApps("example:" + FINGERPRINT));
        assertRefused("PASSKEY_ANDROID_APPS", TestConfig.defaults().withAndroidApps(FINGERPRINT));
        assertRefused("PASSKEY_APPLE_APP_IDS", TestConfig.defaults().withAppleAppIds("com.example.app"));
        assertRefused("PASSKEY_APPLE_APP_IDS", TestConfig.defaults().withAppleAppIds("ABCDE12345"));
        assertRefused("PASSKEY_APPLE_APP_IDS", TestConfig.defaults().withAppleAppIds("abcde12345.com.example.app"));
    }

    @Test
    void hintsAreWebAuthnHints() {
        assertDoesNotThrow(() -> ConfigurationCheck.check(TestConfig.defaults().withHints("client-device", "hybrid")));
        assertDoesNotThrow(() -> ConfigurationCheck.check(TestConfig.defaults().withHints("security-key")));
        assertRefused("PASSKEY_HINTS", TestConfig.defaults().withHints("platform"));
        assertRefused("PASSKEY_HINTS", TestConfig.defaults().withHints("hybrid", "hybrid"));
    }

    @Test
    void adminApiKeysAreLongAndTheNewDurationsPositive() {
        assertDoesNotThrow(() -> ConfigurationCheck.check(TestConfig.defaults()
                .withAdminApiKeys("0123456789abcdef0123456789", "another-key-of-enough-length")));
        assertRefused("PASSKEY_ADMIN_API_KEYS", TestConfig.defaults().withAdminApiKeys("0123456789abcdef0123456789", "short"));
        assertRefused("PASSKEY_ENROLLMENT_TTL", TestConfig.defaults().withEnrollmentTtl(java.time.Duration.ZERO));
    }

    @Test
    void attestationIsAConveyancePreferenceAndTrustNeedsDirect() {
        assertDoesNotThrow(() -> ConfigurationCheck.check(TestConfig.defaults().withAttestation("indirect")));
        assertDoesNotThrow(() -> ConfigurationCheck.check(TestConfig.defaults().withAttestation("direct")
                .withAttestationTrustFile(java.nio.file.Path.of("roots.pem"))));
        assertRefused("PASSKEY_ATTESTATION", TestConfig.defaults().withAttestation("enterprise"));
        assertRefused("PASSKEY_ATTESTATION_TRUST_FILE", TestConfig.defaults()
                .withAttestationTrustFile(java.nio.file.Path.of("roots.pem")));
    }

    @Test
    void theMetadataBlobNeedsItsRootAndDirect() {
        java.nio.file.Path blob = java.nio.file.Path.of("blob.jwt");
        java.nio.file.Path root = java.nio.file.Path.of("mds-root.pem");
        assertDoesNotThrow(() -> ConfigurationCheck.check(TestConfig.defaults().withAttestation("direct")
                .withAttestationMetadataFile(blob).withAttestationMetadataRoot(root)));
        assertDoesNotThrow(() -> ConfigurationCheck.check(TestConfig.defaults().withAttestation("direct")
                .withAttestationMetadataFile(blob).withAttestationMetadataRoot(root)
                .withAttestationTrustFile(java.nio.file.Path.of("roots.pem"))));
        assertRefused("PASSKEY_ATTESTATION_METADATA_ROOT", TestConfig.defaults().withAttestation("direct")
                .withAttestationMetadataFile(blob));
        assertRefused("PASSKEY_ATTESTATION_METADATA_FILE", TestConfig.defaults().withAttestation("direct")
                .withAttestationMetadataRoot(root));
        assertRefused("PASSKEY_ATTESTATION_METADATA_FILE", TestConfig.defaults().withAttestation("indirect")
                .withAttestationMetadataFile(blob).withAttestationMetadataRoot(root));
    }

    @Test
    void forwardedAddressesNeedTrustedProxies() {
        assertDoesNotThrow(() -> ConfigurationCheck.checkProxy(false, java.util.List.of()));
        assertDoesNotThrow(() -> ConfigurationCheck.checkProxy(true, java.util.List.of("10.0.0.0/8")));
        InvalidConfigurationException refused = assertThrows(InvalidConfigurationException.class,
                () -> ConfigurationCheck.checkProxy(true, java.util.List.of()));
        assertTrue(refused.getMessage().contains("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES"), refused.getMessage());
    }

    private static void assertRefused(String variable, TestConfig config) {
        InvalidConfigurationException refused = assertThrows(InvalidConfigurationException.class,
                () -> ConfigurationCheck.check(config));
        assertTrue(refused.getMessage().contains(variable), refused.getMessage());
    }
}
