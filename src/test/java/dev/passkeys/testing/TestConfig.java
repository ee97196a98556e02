package dev.passkeys.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import dev.passkeys.config.PasskeyConfig;

/**
 * A {@link PasskeyConfig} with the contract's defaults, for unit tests of start-up checks, keys and sessions;
 * each {@code with…} returns a changed copy.
 */
public final class TestConfig implements PasskeyConfig, Cloneable {

    @Override
    public Audit audit() {
        return new TestAudit(Duration.ofDays(90), "1h");
    }

    public record TestAudit(Duration retention, String pruneEvery) implements PasskeyConfig.Audit {
    }

    public Session session() {
        return () -> "1h";
    }

    public record TestJwt(String issuer, String audience, Duration ttl, Optional<Path> signingKeyFile,
            String algorithm, Optional<List<Path>> verificationKeyFiles, boolean generateSigningKey)
            implements PasskeyConfig.Jwt {
    }

    public record TestRateLimit(boolean enabled, Duration window, int perIp, int perUsername, int perCredential,
            int refreshPerIp) implements PasskeyConfig.RateLimit {

        public TestRateLimit(boolean enabled, Duration window, int perIp, int perUsername, int perCredential) {
            this(enabled, window, perIp, perUsername, perCredential, 30);
        }
    }

    private String rpId = "localhost";
    private String rpName = "Passkey Service";
    private List<String> origins = List.of("http://localhost:8080");
    private Optional<List<String>> relatedOrigins = Optional.empty();
    private Optional<List<String>> androidApps = Optional.empty();
    private Optional<List<String>> appleAppIds = Optional.empty();
    private Optional<List<String>> hints = Optional.empty();
    private String attestation = "none";
    private Optional<Path> attestationTrustFile = Optional.empty();
    private Optional<Path> attestationMetadataFile = Optional.empty();
    private Optional<Path> attestationMetadataRoot = Optional.empty();
    private Duration challengeTtl = Duration.ofMinutes(5);
    private Duration refreshTtl = Duration.ofDays(30);
    private Duration refreshFamilyLifetime = Duration.ofDays(90);
    private Duration dependencyTimeout = Duration.ofSeconds(5);
    private TestRateLimit rateLimit = new TestRateLimit(true, Duration.ofMinutes(1), 60, 10, 10);
    private int maxPasskeysPerUser = 20;
    private Optional<List<String>> adminApiKeys = Optional.empty();
    private Duration enrollmentTtl = Duration.ofMinutes(15);
    private Duration recoveryTokenTtl = Duration.ofMinutes(5);
    private TestJwt jwt = new TestJwt("http://localhost:8080", "passkey-service", Duration.ofMinutes(15),
            Optional.empty(), "ES256", Optional.empty(), false);

    public static TestConfig defaults() {
        return new TestConfig();
    }

    @Override public String rpId() { return rpId; }
    @Override public String rpName() { return rpName; }
    @Override public List<String> origins() { return origins; }
    @Override public Optional<List<String>> relatedOrigins() { return relatedOrigins; }
    @Override public Optional<List<String>> androidApps() { return androidApps; }
    @Override public Optional<List<String>> appleAppIds() { return appleAppIds; }
    @Override public Optional<List<String>> hints() { return hints; }
    @Override public String attestation() { return attestation; }
    @Override public Optional<Path> attestationTrustFile() { return attestationTrustFile; }
    @Override public Optional<Path> attestationMetadataFile() { return attestationMetadataFile; }
    @Override public Optional<Path> attestationMetadataRoot() { return attestationMetadataRoot; }
    @Override public Duration challengeTtl() { return challengeTtl; }
    @Override public Duration refreshTtl() { return refreshTtl; }
    @Override public Duration refreshFamilyLifetime() { return refreshFamilyLifetime; }
    @Override public Duration dependencyTimeout() { return dependencyTimeout; }
    @Override public RateLimit rateLimit() { return rateLimit; }
    @Override public int maxPasskeysPerUser() { return maxPasskeysPerUser; }
    @Override public Jwt jwt() { return jwt; }
    @Override public Optional<List<String>> adminApiKeys() { return adminApiKeys; }
    @Override public Duration enrollmentTtl() { return enrollmentTtl; }
    @Override public Duration recoveryTokenTtl() { return recoveryTokenTtl; }

    public TestConfig withRpId(String value) { return with(c -> c.rpId = value); }
    public TestConfig withOrigins(String... values) { return with(c -> c.origins = List.of(values)); }
    public TestConfig withRelatedOrigins(String... values) { return with(c -> c.relatedOrigins = Optional.of(List.of(values))); }
    public TestConfig withAndroidApps(String... values) { return with(c -> c.androidApps = Optional.of(List.of(values))); }
    public TestConfig withAppleAppIds(String... values) { return with(c -> c.appleAppIds = Optional.of(List.of(values))); }
    public TestConfig withHints(String... values) { return with(c -> c.hints = Optional.of(List.of(values))); }
    public TestConfig withAttestation(String value) { return with(c -> c.attestation = value); }
    public TestConfig withAttestationTrustFile(Path value) { return with(c -> c.attestationTrustFile = Optional.of(value)); }
    public TestConfig withAttestationMetadataFile(Path value) { return with(c -> c.attestationMetadataFile = Optional.of(value)); }
    public TestConfig withAttestationMetadataRoot(Path value) { return with(c -> c.attestationMetadataRoot = Optional.of(value)); }
    public TestConfig withChallengeTtl(Duration value) { return with(c -> c.challengeTtl = value); }
    public TestConfig withRefreshTtl(Duration value) { return with(c -> c.refreshTtl = value); }
    public TestConfig withRefreshFamilyLifetime(Duration value) { return with(c -> c.refreshFamilyLifetime = value); }
    public TestConfig withDependencyTimeout(Duration value) { return with(c -> c.dependencyTimeout = value); }
    public TestConfig withRateLimit(TestRateLimit value) { return with(c -> c.rateLimit = value); }
    public TestConfig withMaxPasskeysPerUser(int value) { return with(c -> c.maxPasskeysPerUser = value); }
    public TestConfig withAdminApiKeys(String... values) { return with(c -> c.adminApiKeys = Optional.of(List.of(values))); }
    public TestConfig withEnrollmentTtl(Duration value) { return with(c -> c.enrollmentTtl = value); }

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
        return with(c -> c.jwt = value);
    }

    private TestConfig with(Consumer<TestConfig> change) {
        try {
            TestConfig copy = (TestConfig) clone();
            change.accept(copy);
            return copy;
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }
}
