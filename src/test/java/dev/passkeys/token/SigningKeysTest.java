package dev.passkeys.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.passkeys.config.InvalidConfigurationException;
import dev.passkeys.testing.TestConfig;

class SigningKeysTest {

    private static final ServerSecrets NO_DATABASE = new ServerSecrets(null) {
        @Override
        public String getOrCreate(String name, String candidate) {
            throw new AssertionError("a configured key never touches the database");
        }
    };

    @Test
    void withoutAKeyFileTheProductionProfileRefusesToStart() {
        InvalidConfigurationException refused = assertThrows(InvalidConfigurationException.class,
                () -> new SigningKeys(TestConfig.defaults().withSigningKeyFile(Optional.empty()), NO_DATABASE));
        assertTrue(refused.getMessage().contains("PASSKEY_JWT_SIGNING_KEY_FILE"), refused.getMessage());
    }

    @Test
    void aPkcs8PemFileSignsAndItsKidIsStable(@TempDir Path dir) throws Exception {
        KeyPair pair = JwtAlgorithm.ES256.generate();
        Path file = dir.resolve("key.pem");
        Files.writeString(file, PemKeys.toPem(pair.getPrivate()));

        SigningKeys first = new SigningKeys(TestConfig.defaults().withSigningKeyFile(Optional.of(file)), NO_DATABASE);
        SigningKeys second = new SigningKeys(TestConfig.defaults().withSigningKeyFile(Optional.of(file)), NO_DATABASE);
        assertEquals(first.active().kid(), second.active().kid(), "replicas with the same key publish the same kid");

        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(first.active().privateKey());
        signer.update(new byte[] { 1, 2, 3 });
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(pair.getPublic());
        verifier.update(new byte[] { 1, 2, 3 });
        assertTrue(verifier.verify(signature), "the derived public key is the key's own");
        assertEquals(PemKeys.readKeyPair(Files.readString(file)).getPublic(), pair.getPublic());
    }

    @Test
    void anUnreadableKeyFileIsNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("key.pem");
        Files.writeString(file, "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
        InvalidConfigurationException refused = assertThrows(InvalidConfigurationException.class,
                () -> new SigningKeys(TestConfig.defaults().withSigningKeyFile(Optional.of(file)), NO_DATABASE));
        assertTrue(refused.getMessage().contains("PASSKEY_JWT_SIGNING_KEY_FILE"), refused.getMessage());
        Path missing = dir.resolve("missing.pem");
        assertThrows(InvalidConfigurationException.class,
                () -> new SigningKeys(TestConfig.defaults().withSigningKeyFile(Optional.of(missing)), NO_DATABASE));
    }
}
