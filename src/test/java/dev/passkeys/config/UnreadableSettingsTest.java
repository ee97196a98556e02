package dev.passkeys.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The config mapping as the service builds it, with values that cannot be converted at all. */
class UnreadableSettingsTest {

    @Test
    void everyUnconvertibleValueIsReportedByItsVariable() {
        ConfigValidationException refused = assertThrows(ConfigValidationException.class, () -> mapping(Map.of(
                "passkey.challenge-ttl", "soon",
                "passkey.jwt.ttl", "15 minutes",
                "passkey.rate-limit.per-ip", "lots",
                "passkey.rate-limit.enabled", "ture")));

        assertEquals(4, refused.getProblemCount(), refused.getMessage());
        assertEquals("""
                Invalid configuration: PASSKEY_CHALLENGE_TTL must be an ISO-8601 duration such as PT5M, or a number \
                with a unit such as 5m (ms, s, m, h, d), got 'soon'""", problem(refused, "PASSKEY_CHALLENGE_TTL"));
        assertEquals("Invalid configuration: PASSKEY_JWT_TTL must be an ISO-8601 duration such as PT5M, or a number "
                + "with a unit such as 5m (ms, s, m, h, d), got '15 minutes'", problem(refused, "PASSKEY_JWT_TTL"));
        assertEquals("Invalid configuration: PASSKEY_RATE_LIMIT_PER_IP must be a whole number, got 'lots'",
                problem(refused, "PASSKEY_RATE_LIMIT_PER_IP"));
        assertEquals("Invalid configuration: PASSKEY_RATE_LIMIT_ENABLED must be true or false (or yes/no, on/off, 1/0), "
                + "got 'ture'", problem(refused, "PASSKEY_RATE_LIMIT_ENABLED"));
    }

    @Test
    void bothSpellingsOfADurationNumbersAndSwitchWordsPass() {
        PasskeyConfig config = mapping(Map.of("passkey.challenge-ttl", "5m", "passkey.jwt.ttl", "PT10M",
                "passkey.max-passkeys-per-user", "7", "passkey.rate-limit.enabled", "OFF",
                "passkey.jwt.generate-signing-key", "Yes"));
        assertEquals(Duration.ofMinutes(5), config.challengeTtl());
        assertEquals(Duration.ofMinutes(10), config.jwt().ttl());
        assertEquals(7, config.maxPasskeysPerUser());
        assertFalse(config.rateLimit().enabled());
        assertTrue(config.jwt().generateSigningKey());
    }

    /** Quarkus converts durations with its own converter (which also reads {@code 5m}); so does this mapping. */
    private static PasskeyConfig mapping(Map<String, String> values) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withInterceptors(new UnreadableSettings())
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(values, "environment", 300))
                .withMapping(PasskeyConfig.class)
                .build();
        return config.getConfigMapping(PasskeyConfig.class);
    }

    private static String problem(ConfigValidationException refused, String variable) {
        for (int i = 0; i < refused.getProblemCount(); i++) {
            String message = refused.getProblem(i).getMessage();
            if (message.contains(variable)) {
                return message;
            }
        }
        throw new AssertionError("no problem names " + variable + ": " + refused.getMessage());
    }
}
