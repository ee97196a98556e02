package dev.passkeys.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.Provider;
import java.security.Security;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;

/**
 * PEM keys written by OpenSSL ({@code openssl genpkey}, and {@code openssl pkey -pubout} for the public halves in
 * {@code src/test/resources/pem-keys}; throwaway keys that sign nothing), read the way the service reads
 * {@code PASSKEY_JWT_SIGNING_KEY_FILE}: with the JDK's own providers, and again with Amazon Corretto Crypto Provider
 * first, as the running service has it.
 */
class PemKeysTest {

    @ParameterizedTest
    @ValueSource(strings = { "es256", "ed25519", "rs256" })
    void withTheJdksProvidersThePublicKeyDerivedFromAPrivateKeyIsOpenSslsOwn(String name) throws Exception {
        // A service started earlier in this JVM installed Corretto first: out for this case, then back where it was.
        Provider corretto = Security.getProvider(AmazonCorrettoCryptoProvider.PROVIDER_NAME);
        int position = Arrays.asList(Security.getProviders()).indexOf(corretto) + 1;
        Security.removeProvider(AmazonCorrettoCryptoProvider.PROVIDER_NAME);
        try {
            assertNotEquals(AmazonCorrettoCryptoProvider.PROVIDER_NAME,
                    KeyFactory.getInstance("EC").getProvider().getName());
            assertDerivesOpenSslsPublicKey(name);
        } finally {
            if (corretto != null) {
                Security.insertProviderAt(corretto, position);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "es256", "ed25519", "rs256" })
    void withCorrettoFirstTheDerivedPublicKeyIsTheSame(String name) throws Exception {
        if (AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError() == null) {
            AmazonCorrettoCryptoProvider.install();   // as CryptoProvider does at start-up; a no-op when it is in
            assertEquals(AmazonCorrettoCryptoProvider.PROVIDER_NAME, Security.getProviders()[0].getName());
        }
        assertDerivesOpenSslsPublicKey(name);
    }

    @ParameterizedTest
    @ValueSource(strings = { "es256", "ed25519", "rs256" })
    void aWrittenKeyReadsBackAsItself(String name) throws Exception {
        KeyPair pair = PemKeys.readKeyPair(fixture(name + ".pem"));
        assertEquals(pair.getPrivate(), PemKeys.readKeyPair(PemKeys.toPem(pair.getPrivate())).getPrivate());
        assertEquals(pair.getPublic(), PemKeys.readPublicKey(PemKeys.toPem(pair.getPublic())));
    }

    @ParameterizedTest
    @ValueSource(strings = { "ES256", "EdDSA", "RS256" })
    void aKeyTheServiceGeneratesReadsBackWithItsPublicKey(String algorithm) throws Exception {
        KeyPair generated = JwtAlgorithm.named(algorithm).generate();
        KeyPair read = PemKeys.readKeyPair(PemKeys.toPem(generated.getPrivate()));
        assertArrayEquals(generated.getPublic().getEncoded(), read.getPublic().getEncoded());
    }

    @Test
    void aSec1EcKeyIsRefusedWithTheCommandThatConvertsIt() throws Exception {
        GeneralSecurityException refused = assertThrows(GeneralSecurityException.class,
                () -> PemKeys.readKeyPair(fixture("sec1-ec.pem")));
        assertTrue(refused.getMessage().contains("-----BEGIN EC PRIVATE KEY-----"), refused.getMessage());
        assertTrue(refused.getMessage().contains("openssl pkcs8 -topk8 -nocrypt"), refused.getMessage());
    }

    @Test
    void anEcKeyOnAnotherCurveIsRefused() {
        GeneralSecurityException refused = assertThrows(GeneralSecurityException.class,
                () -> PemKeys.readKeyPair(fixture("secp256k1.pem")));
        assertTrue(refused.getMessage().contains("P-256"), refused.getMessage());
    }

    @Test
    void aPublicKeyIsNotAPrivateKeyAndGarbageIsNeither() {
        GeneralSecurityException publicOnly = assertThrows(GeneralSecurityException.class,
                () -> PemKeys.readKeyPair(fixture("es256.pub.pem")));
        assertTrue(publicOnly.getMessage().contains("-----BEGIN PRIVATE KEY-----"), publicOnly.getMessage());
        assertThrows(GeneralSecurityException.class,
                () -> PemKeys.readPublicKey("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"));
        assertThrows(GeneralSecurityException.class, () -> PemKeys.readKeyPair("not a key"));
    }

    private static void assertDerivesOpenSslsPublicKey(String name) throws Exception {
        KeyPair pair = PemKeys.readKeyPair(fixture(name + ".pem"));
        byte[] openSsls = PemKeys.readPublicKey(fixture(name + ".pub.pem")).getEncoded();
        assertArrayEquals(openSsls, pair.getPublic().getEncoded(), name);
        assertArrayEquals(openSsls, PemKeys.readPublicKey(fixture(name + ".pem")).getEncoded(), name);
    }

    private static String fixture(String file) throws IOException {
        try (InputStream in = PemKeysTest.class.getResourceAsStream("/pem-keys/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
