package dev.passkeys.token;

import static dev.passkeys.testing.PasskeyApi.signUp;
import static dev.passkeys.testing.PasskeyApi.uniqueUsername;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.passkeys.testing.PasskeyApi.Account;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;

/**
 * The example under {@code examples/downstream-service} is a separate Quarkus application; one JVM cannot host
 * it beside this service, so this test builds and tests it with Maven while this service runs, handing it the
 * JWKS URL and tokens this service issued or signed: it must accept the real one and refuse the others.
 */
@QuarkusTest
class DownstreamExampleTest {

    private static final Path EXAMPLE = Path.of("examples", "downstream-service");
    private static final long TIMEOUT_MINUTES = 10;

    @TestHTTPResource("/.well-known/jwks.json")
    URL jwksUrl;

    @Inject
    SigningKeys keys;

    @Test
    void theExampleAcceptsThisServicesTokensAndRefusesExpiredForeignAndTamperedOnes() throws Exception {
        Account account = signUp(uniqueUsername());
        PrivateKey serviceKey = keys.active().privateKey();
        Map<String, String> env = Map.of(
                "PASSKEY_JWKS_URL", jwksUrl.toString(),
                "DOWNSTREAM_VALID_TOKEN", account.accessToken(),
                "DOWNSTREAM_EXPECTED_SUBJECT", account.userId(),
                "DOWNSTREAM_EXPIRED_TOKEN", mint(serviceKey, "passkey-service", Set.of("user"), -120),
                "DOWNSTREAM_FOREIGN_TOKEN", mint(JwtAlgorithm.ES256.generate().getPrivate(), "passkey-service",
                        Set.of("user"), 600),
                "DOWNSTREAM_TAMPERED_TOKEN", tamper(account.accessToken()),
                "DOWNSTREAM_OTHER_AUDIENCE_TOKEN", mint(serviceKey, "another-service", Set.of("user"), 600),
                "DOWNSTREAM_NO_ROLE_TOKEN", mint(serviceKey, "passkey-service", Set.of("admin"), 600));

        Path log = Path.of("target", "downstream-example.log");
        Files.createDirectories(log.getParent());
        ProcessBuilder maven = new ProcessBuilder(Path.of("mvnw").toAbsolutePath().toString(), "-B",
                "-f", EXAMPLE.resolve("pom.xml").toString(), "clean", "test")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        maven.environment().putAll(env);
        maven.environment().keySet().removeAll(List.of("MAVEN_BASEDIR", "MAVEN_PROJECTBASEDIR"));
        Process process = maven.start();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        assertEquals(0, process.exitValue(), "the example's build failed:\n" + tail(output));
        assertTrue(ranEveryTest(EXAMPLE.resolve("target/surefire-reports/TEST-dev.passkeys.examples.downstream.WhoAmIResourceTest.xml")),
                "the example's tests did not all run:\n" + tail(output));
    }

    private String mint(PrivateKey key, String audience, Set<String> groups, long lifetimeSeconds) {
        Instant now = Instant.now();
        return Jwt.issuer("http://localhost:8080").audience(audience).subject(UUID.randomUUID().toString())
                .upn("someone@example.com").groups(groups)
                .issuedAt(now.minusSeconds(600)).expiresAt(now.plusSeconds(lifetimeSeconds))
                .jws().keyId(keys.active().kid()).algorithm(SignatureAlgorithm.fromAlgorithm(keys.active().algorithm()))
                .sign(key);
    }

    /** The real token with another subject, and its original signature. */
    private static String tamper(String token) {
        String[] parts = token.split("\\.");
        Base64.Decoder decoder = Base64.getUrlDecoder();
        String claims = new String(decoder.decode(parts[1]), StandardCharsets.UTF_8)
                .replaceFirst("\"sub\":\"[^\"]+\"", "\"sub\":\"" + UUID.randomUUID() + "\"");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    private static boolean ranEveryTest(Path report) throws IOException {
        if (!Files.exists(report)) {
            return false;
        }
        Matcher suite = Pattern.compile("<testsuite [^>]*").matcher(Files.readString(report));
        if (!suite.find()) {
            return false;
        }
        String attributes = suite.group();
        return attributes.contains("tests=\"4\"") && attributes.contains("skipped=\"0\"")
                && attributes.contains("failures=\"0\"") && attributes.contains("errors=\"0\"");
    }

    private static String tail(String output) {
        return output.length() > 6000 ? output.substring(output.length() - 6000) : output;
    }
}
