package dev.passkeys.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.passkeys.config.PasskeyConfig;

/** A {@link PasskeyConfig} with the contract's defaults, for unit tests of start-up checks. */
public record TestConfig(String rpId, String rpName, List<String> origins, Duration challengeTtl, TestJwt jwt,
        Duration dependencyTimeout, TestRateLimit rateLimit, int maxPasskeysPerUser) implements PasskeyConfig {

    @Override
    public Audit audit() {
        return new TestAudit(Duration.ofDays(90), "1h");
    }

    public record TestAudit(Duration retention, String pruneEvery) implements PasskeyConfig.Audit {
    }

    public record TestJwt(String issuer, String audience, Duration ttl, Optional<Path> signingKeyFile,
            boolean generateSigningKey) implements PasskeyConfig.Jwt {
    }

    public record TestRateLimit(boolean enabled, Duration window, int perIp, int perUsername, int perCredential)
            implements PasskeyConfig.RateLimit {
    }

    public static TestConfig defaults() {
        return new TestConfig("localhost", "Passkey Service", List.of("http://localhost:8080"), Duration.ofMinutes(5),
                new TestJwt("http://localhost:8080", "passkey-service", Duration.ofMinutes(15), Optional.empty(), false),
                Duration.ofSeconds(5), new TestRateLimit(true, Duration.ofMinutes(1), 60, 10, 10), 20);
    }

    public TestConfig withRpId(String value) {
        return new TestConfig(value, rpName, origins, challengeTtl, jwt, dependencyTimeout, rateLimit, maxPasskeysPerUser);
    }

    public TestConfig withOrigins(String... values) {
        return new TestConfig(rpId, rpName, List.of(values), challengeTtl, jwt, dependencyTimeout, rateLimit, maxPasskeysPerUser);
    }

    public TestConfig withChallengeTtl(Duration value) {
        return new TestConfig(rpId, rpName, origins, value, jwt, dependencyTimeout, rateLimit, maxPasskeysPerUser);
    }

    public TestConfig withIssuer(String value) {
        return new TestConfig(rpId, rpName, origins, challengeTtl,
                new TestJwt(value, jwt.audience(), jwt.ttl(), jwt.signingKeyFile(), jwt.generateSigningKey()),
                dependencyTimeout, rateLimit, maxPasskeysPerUser);
    }

    public TestConfig withSigningKeyFile(Optional<Path> value) {
        return new TestConfig(rpId, rpName, origins, challengeTtl,
                new TestJwt(jwt.issuer(), jwt.audience(), jwt.ttl(), value, jwt.generateSigningKey()),
                dependencyTimeout, rateLimit, maxPasskeysPerUser);
    }

    public TestConfig withRateLimit(TestRateLimit value) {
        return new TestConfig(rpId, rpName, origins, challengeTtl, jwt, dependencyTimeout, value, maxPasskeysPerUser);
    }
}
