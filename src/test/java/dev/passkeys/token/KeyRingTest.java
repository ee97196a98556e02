package dev.passkeys.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.passkeys.config.InvalidConfigurationException;
import dev.passkeys.testing.Jwts;
import dev.passkeys.testing.TestConfig;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;

/** Signing with each algorithm, and the keys of a rotation: one signs, all are published and accepted. */
class KeyRingTest {

    private static final ServerSecrets NO_DATABASE = new ServerSecrets(null) {
        @Override
        public String getOrCreate(String name, String candidate) {
            throw new AssertionError("a configured key never touches the database");
        }
    };

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(JwtAlgorithm.class)
    void eachAlgorithmSignsTokensThatVerify(JwtAlgorithm algorithm) throws Exception {
        TestConfig config = TestConfig.defaults().withAlgorithm(algorithm.name())
                .withSigningKeyFile(Optional.of(privateKeyFile("signing.pem", algorithm.generate())));
        SigningKeys keys = new SigningKeys(config, NO_DATABASE);
        String token = new AccessTokens(keys, config, new io.micrometer.core.instrument.simple.SimpleMeterRegistry()).issue(UUID.randomUUID(), "alice", true, Instant.now());

        assertEquals(algorithm.name(), Jwts.header(token).get("alg"));
        assertEquals(keys.active().kid(), Jwts.header(token).get("kid"));
        new ServiceTokenPrincipalFactory(keys, config).verify(token);
        Map<String, Object> jwk = keys.published().get(0).jwk();
        assertEquals(algorithm.name(), jwk.get("alg"));
        assertEquals("sig", jwk.get("use"));
        assertEquals(keys.active().kid(), jwk.get("kid"));
        assertEquals(Map.of(JwtAlgorithm.ES256, "EC", JwtAlgorithm.EdDSA, "OKP", JwtAlgorithm.RS256, "RSA").get(algorithm),
                jwk.get("kty"));
        assertTrue(jwk.keySet().stream().noneMatch(Set.of("d", "p", "q", "dp", "dq", "qi")::contains), "no private part");
    }

    @Test
    void retiredKeysArePublishedAndAcceptedButNeverSign() throws Exception {
        KeyPair next = JwtAlgorithm.EdDSA.generate();
        KeyPair retired = JwtAlgorithm.ES256.generate();
        KeyPair retiredRsa = JwtAlgorithm.RS256.generate();
        Path retiredPublicOnly = dir.resolve("retired-rsa.pub.pem");
        Files.writeString(retiredPublicOnly, PemKeys.toPem(retiredRsa.getPublic()));
        Path nextFile = privateKeyFile("next.pem", next);
        TestConfig config = TestConfig.defaults().withAlgorithm("EdDSA").withSigningKeyFile(Optional.of(nextFile))
                .withVerificationKeyFiles(privateKeyFile("retired.pem", retired), Path.of(" " + retiredPublicOnly), nextFile);

        SigningKeys keys = new SigningKeys(config, NO_DATABASE);
        assertEquals("EdDSA", keys.active().algorithm());
        List<String> algorithms = keys.published().stream().map(PublishedKey::algorithm).toList();
        assertEquals(List.of("EdDSA", "ES256", "RS256"), algorithms, "the signing key first, each key once");

        ServiceTokenPrincipalFactory verifier = new ServiceTokenPrincipalFactory(keys, config);
        String kidOfRetired = keys.published().get(1).kid();
        verifier.verify(mint(retired.getPrivate(), SignatureAlgorithm.ES256, kidOfRetired, 60));
        verifier.verify(mint(retiredRsa.getPrivate(), SignatureAlgorithm.RS256, keys.published().get(2).kid(), 60));
        assertThrows(ParseException.class,
                () -> verifier.verify(mint(retired.getPrivate(), SignatureAlgorithm.ES256, kidOfRetired, -120)),
                "a retired key's tokens are accepted only until they expire");
        assertThrows(ParseException.class, () -> verifier.verify(
                mint(JwtAlgorithm.ES256.generate().getPrivate(), SignatureAlgorithm.ES256, kidOfRetired, 60)));
    }

    @Test
    void aKeyOfTheWrongKindOrAnUnknownAlgorithmIsNamed() throws Exception {
        Path ed25519 = privateKeyFile("ed.pem", JwtAlgorithm.EdDSA.generate());
        assertRefused(TestConfig.defaults().withSigningKeyFile(Optional.of(ed25519)),
                "PASSKEY_JWT_SIGNING_KEY_FILE", "PASSKEY_JWT_ALGORITHM");
        assertRefused(TestConfig.defaults().withAlgorithm("HS256").withSigningKeyFile(Optional.of(ed25519)),
                "PASSKEY_JWT_ALGORITHM");
        assertRefused(TestConfig.defaults().withAlgorithm("EdDSA"), "PASSKEY_JWT_SIGNING_KEY_FILE");

        Path garbage = dir.resolve("garbage.pem");
        Files.writeString(garbage, "not a key");
        assertRefused(TestConfig.defaults().withAlgorithm("EdDSA").withSigningKeyFile(Optional.of(ed25519))
                .withVerificationKeyFiles(garbage), "PASSKEY_JWT_VERIFICATION_KEY_FILES");
        assertRefused(TestConfig.defaults().withAlgorithm("EdDSA").withSigningKeyFile(Optional.of(ed25519))
                .withVerificationKeyFiles(dir.resolve("missing.pem")), "PASSKEY_JWT_VERIFICATION_KEY_FILES");
    }

    @Test
    void generatedKeysAreSharedUnderOneNamePerAlgorithm() {
        List<String> names = new ArrayList<>();
        ServerSecrets recording = new ServerSecrets(null) {
            @Override
            public String getOrCreate(String name, String candidate) {
                names.add(name);
                return candidate;
            }
        };
        TestConfig generated = TestConfig.defaults().withGeneratedSigningKey();
        assertEquals("ES256", new SigningKeys(generated, recording).active().algorithm());
        assertEquals("EdDSA", new SigningKeys(generated.withAlgorithm("eddsa"), recording).active().algorithm());
        assertEquals("RS256", new SigningKeys(generated.withAlgorithm("RS256"), recording).active().algorithm());
        assertEquals(List.of("jwt-signing-key", "jwt-signing-key-EdDSA", "jwt-signing-key-RS256"), names);
    }

    private void assertRefused(TestConfig config, String... variables) {
        InvalidConfigurationException refused = assertThrows(InvalidConfigurationException.class,
                () -> new SigningKeys(config, NO_DATABASE));
        for (String variable : variables) {
            assertTrue(refused.getMessage().contains(variable), refused.getMessage());
        }
    }

    private Path privateKeyFile(String name, KeyPair pair) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, PemKeys.toPem(pair.getPrivate()));
        return file;
    }

    private static String mint(PrivateKey key, SignatureAlgorithm algorithm, String kid, long lifetimeSeconds) {
        Instant now = Instant.now();
        return Jwt.issuer("http://localhost:8080").audience("passkey-service").subject(UUID.randomUUID().toString())
                .issuedAt(now.minusSeconds(120)).expiresAt(now.plusSeconds(lifetimeSeconds))
                .jws().keyId(kid).algorithm(algorithm).sign(key);
    }
}
