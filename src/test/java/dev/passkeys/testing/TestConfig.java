package dev.passkeys.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.passkeys.config.PasskeyConfig;

/** A {@link PasskeyConfig} with the contract's defaults, for unit tests of start-up checks, keys and sessions. */
public record TestConfig(String rpId, String rpName, List<String> origins, Optional<List<String>> relatedOrigins,
        Optional<List<String>> androidApps, Optional<List<String>> appleAppIds, Optional<List<String>> hints,
        Duration challengeTtl, Duration refreshTtl, Duration refreshFamilyLifetime, TestJwt jwt)
        implements PasskeyConfig {

    public record TestJwt(String issuer, String audience, Duration ttl, Optional<Path> signingKeyFile,
            String algorithm, Optional<List<Path>> verificationKeyFiles, boolean generateSigningKey)
            implements PasskeyConfig.Jwt {
    }

    public static TestConfig defaults() {
        return new TestConfig("localhost", "Passkey Service", List.of("http://localhost:8080"), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofMinutes(5), Duration.ofDays(30),
                Duration.ofDays(90), new TestJwt("http://localhost:8080", "passkey-service", Duration.ofMinutes(15),
                        Optional.empty(), "ES256", Optional.empty(), false));
    }

    public TestConfig withRpId(String value) {
        return new TestConfig(value, rpName, origins, relatedOrigins, androidApps, appleAppIds, hints, challengeTtl,
                refreshTtl, refreshFamilyLifetime, jwt);
    }

    public TestConfig withOrigins(String... values) {
        return new TestConfig(rpId, rpName, List.of(values), relatedOrigins, androidApps, appleAppIds, hints,
                challengeTtl, refreshTtl, refreshFamilyLifetime, jwt);
    }

    public TestConfig withRelatedOrigins(String... values) {
        return new TestConfig(rpId, rpName, origins, Optional.of(List.of(values)), androidApps, appleAppIds, hints,
                challengeTtl, refreshTtl, refreshFamilyLifetime, jwt);
    }

    public TestConfig withAndroidApps(String... values) {
        return new TestConfig(rpId, rpName, origins, relatedOrigins, Optional.of(List.of(values)), appleAppIds, hints,
                challengeTtl, refreshTtl, refreshFamilyLifetime, jwt);
    }

    public TestConfig withAppleAppIds(String... values) {
        return new TestConfig(rpId, rpName, origins, relatedOrigins, androidApps, Optional.of(List.of(values)), hints,
                challengeTtl, refreshTtl, refreshFamilyLifetime, jwt);
    }

    public TestConfig withHints(String... values) {
        return new TestConfig(rpId, rpName, origins, relatedOrigins, androidApps, appleAppIds,
                Optional.of(List.of(values)), challengeTtl, refreshTtl, refreshFamilyLifetime, jwt);
    }

    public TestConfig withChallengeTtl(Duration value) {
        return new TestConfig(rpId, rpName, origins, relatedOrigins, androidApps, appleAppIds, hints, value,
                refreshTtl, refreshFamilyLifetime, jwt);
    }

    public TestConfig withRefreshTtl(Duration value) {
        return new TestConfig(rpId, rpName, origins, relatedOrigins, androidApps, appleAppIds, hints, challengeTtl,
                value, refreshFamilyLifetime, jwt);
    }

    public TestConfig withRefreshFamilyLifetime(Duration value) {
        return new TestConfig(rpId, rpName, origins, relatedOrigins, androidApps, appleAppIds, hints, challengeTtl,
                refreshTtl, value, jwt);
    }

    public TestConfig withIssuer(String value) {
        return withJwt(new TestJwt(value, jwt.audience(), jwt.ttl(), jwt.signingKeyFile(), jwt.algorithm(),
                jwt.verificationKeyFiles(), jwt.generateSigningKey()));
    }

    public TestConfig withSigningKeyFile(Optional<Path> value) {
        return withJwt(new TestJwt(jwt.issuer(), jwt.audience(), jwt.ttl(), value, jwt.algorithm(),
                jwt.verificationKeyFiles(), jwt.generateSigningKey()));
    }

    public TestConfig withAlgorithm(String value) {
        return withJwt(new TestJwt(jwt.issuer(), jwt.audience(), jwt.ttl(), jwt.signingKeyFile(), value,
                jwt.verificationKeyFiles(), jwt.generateSigningKey()));
    }

    public TestConfig withVerificationKeyFiles(Path... values) {
        return withJwt(new TestJwt(jwt.issuer(), jwt.audience(), jwt.ttl(), jwt.signingKeyFile(), jwt.algorithm(),
                Optional.of(List.of(values)), jwt.generateSigningKey()));
    }

    public TestConfig withGeneratedSigningKey() {
        return withJwt(new TestJwt(jwt.issuer(), jwt.audience(), jwt.ttl(), jwt.signingKeyFile(), jwt.algorithm(),
                jwt.verificationKeyFiles(), true));
    }

    private TestConfig withJwt(TestJwt value) {
        return new TestConfig(rpId, rpName, origins, relatedOrigins, androidApps, appleAppIds, hints, challengeTtl,
                refreshTtl, refreshFamilyLifetime, value);
    }
}
