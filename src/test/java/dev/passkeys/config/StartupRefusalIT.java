package dev.passkeys.config;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}, production profile) given settings that are
 * valid but for one: it must exit, not serve, and its output must name the variable to fix. As the control, with
 * every setting valid it starts, signing with Amazon Corretto Crypto Provider from the package's own copy of it.
 * Runs in {@code ./mvnw verify}, after the jar is built.
 */
class StartupRefusalIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final long TIMEOUT_SECONDS = 90;

    @TempDir
    static Path dir;

    private static Path signingKey;

    /** What the service printed before it exited. */
    record Exit(int code, String output) {
    }

    @BeforeAll
    static void signingKey() throws Exception {
        assertTrue(Files.isRegularFile(JAR), JAR + " is missing: ./mvnw verify packages it before this test runs");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        String pkcs8 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(
                generator.generateKeyPair().getPrivate().getEncoded());
        signingKey = dir.resolve("signing-key.pem");
        Files.writeString(signingKey, "-----BEGIN PRIVATE KEY-----\n" + pkcs8 + "\n-----END PRIVATE KEY-----\n");
    }

    @Test
    void withEverySettingValidThePackageStartsAndSignsWithCorretto() throws Exception {
        Path log = dir.resolve("valid.log");
        Process service = process(validSettings(), log);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            while (!Files.readString(log).contains("started in") && service.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            String output = Files.readString(log);
            assertTrue(output.contains("started in"), "the service did not start; output:\n" + output);
            assertTrue(output.contains("ES256 signatures use the AmazonCorrettoCryptoProvider provider"),
                    "the packaged service signs with Corretto; output:\n" + output);
        } finally {
            service.destroy();
            if (!service.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                service.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void withoutASigningKeyTheServiceRefusesToStart() throws Exception {
        Map<String, String> settings = validSettings();
        settings.remove("PASSKEY_JWT_SIGNING_KEY_FILE");
        assertRefusedNaming("PASSKEY_JWT_SIGNING_KEY_FILE", start("no-signing-key", settings));
    }

    @Test
    void anOriginOutsideTheRpIdStopsTheStart() throws Exception {
        Map<String, String> settings = validSettings();
        settings.put("PASSKEY_ORIGINS", "https://example.org");
        assertRefusedNaming("PASSKEY_ORIGINS", start("foreign-origin", settings));
    }

    @Test
    void valuesThatCannotBeConvertedAreNamedByTheirVariables() throws Exception {
        Map<String, String> settings = validSettings();
        settings.put("PASSKEY_CHALLENGE_TTL", "five minutes");
        settings.put("PASSKEY_MAX_PASSKEYS_PER_USER", "many");
        Exit exit = start("unconvertible-values", settings);
        assertRefusedNaming("PASSKEY_CHALLENGE_TTL", exit);
        assertRefusedNaming("PASSKEY_MAX_PASSKEYS_PER_USER", exit);
    }

    /** What {@code bench/scaling.sh} gives the packaged service, on the tests' database and Redis. */
    private static Map<String, String> validSettings() {
        Map<String, String> settings = new HashMap<>();
        settings.put("PASSKEY_RP_ID", "localhost");
        settings.put("PASSKEY_ORIGINS", "http://localhost:8080");
        settings.put("PASSKEY_JWT_ISSUER", "http://localhost:8080");
        settings.put("PASSKEY_JWT_AUDIENCE", "startup-refusal");
        settings.put("PASSKEY_JWT_SIGNING_KEY_FILE", signingKey.toAbsolutePath().toString());
        settings.put("QUARKUS_HTTP_PORT", "0");
        settings.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:5432/"
                + System.getenv().getOrDefault("PASSKEY_TEST_DATABASE", "test"));
        settings.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        settings.put("QUARKUS_REDIS_HOSTS", "redis://127.0.0.1:6379/"
                + System.getenv().getOrDefault("PASSKEY_TEST_REDIS_DB", "1"));
        return settings;
    }

    /** Starts the jar and waits for it to exit. */
    private static Exit start(String name, Map<String, String> settings) throws Exception {
        Path log = dir.resolve(name + ".log");
        Process service = process(settings, log);
        if (!service.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            service.destroyForcibly().waitFor();
            fail("still running after " + TIMEOUT_SECONDS + " s instead of refusing to start:\n" + Files.readString(log));
        }
        return new Exit(service.exitValue(), Files.readString(log));
    }

    /** Starts the jar with exactly these environment variables; the build's own Java runs it. */
    private static Process process(Map<String, String> settings, Path log) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(settings);
        return builder.start();
    }

    private static void assertRefusedNaming(String variable, Exit exit) {
        assertNotEquals(0, exit.code(), "exit code; output:\n" + exit.output());
        assertTrue(exit.output().contains("Invalid configuration: " + variable),
                "one line names " + variable + "; output:\n" + exit.output());
    }
}
