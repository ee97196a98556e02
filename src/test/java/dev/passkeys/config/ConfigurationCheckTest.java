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
    }

    private static void assertRefused(String variable, TestConfig config) {
        InvalidConfigurationException refused = assertThrows(InvalidConfigurationException.class,
                () -> ConfigurationCheck.check(config));
        assertTrue(refused.getMessage().contains(variable), refused.getMessage());
    }
}
