package dev.passkeys.bench;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The crypto floor of a login: one ES256 verify (the assertion, in Yubico's {@code finishAssertion}) and one
 * ES256 sign (the access token, in jose4j), with the JDK's provider or with Amazon Corretto Crypto Provider.
 * Each operation is what the libraries do per call: {@code Signature.getInstance}, init with the key, update,
 * verify or sign. Keys come from the provider's own {@code KeyFactory}, as the service's do when that provider
 * is first (Yubico decodes the COSE key, {@code PemKeys} the PKCS#8 file, through {@code KeyFactory.getInstance("EC")}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CryptoFloorBenchmark {

    private static final String ALGORITHM = "SHA256withECDSA";
    private static final int MESSAGES = 64;

    @Param({ Providers.JDK, Providers.ACCP })
    public String provider;

    private Provider jca;
    private PrivateKey privateKey;
    private PublicKey publicKey;
    /** What an assertion signs: authenticatorData (37 bytes) || SHA-256(clientDataJSON). */
    private byte[][] signedData;
    private byte[][] signatures;
    /** What a token signs: base64url(header) "." base64url(claims), about 400 bytes. */
    private byte[] tokenSigningInput;
    private int next;

    @Setup
    public void setup() throws GeneralSecurityException {
        jca = Providers.provider(provider);
        KeyPair generated = Es256.generate(jca);
        KeyFactory keys = KeyFactory.getInstance("EC", jca);
        privateKey = keys.generatePrivate(new PKCS8EncodedKeySpec(generated.getPrivate().getEncoded()));
        publicKey = keys.generatePublic(new X509EncodedKeySpec(generated.getPublic().getEncoded()));
        SecureRandom random = new SecureRandom();
        signedData = new byte[MESSAGES][69];
        signatures = new byte[MESSAGES][];
        for (int i = 0; i < MESSAGES; i++) {
            random.nextBytes(signedData[i]);
            Signature signer = Signature.getInstance(ALGORITHM, jca);
            signer.initSign(privateKey);
            signer.update(signedData[i]);
            signatures[i] = signer.sign();
        }
        tokenSigningInput = new byte[400];
        random.nextBytes(tokenSigningInput);
        if (!verify()) {
            throw new IllegalStateException("a signature made in set-up does not verify");
        }
    }

    /** One ES256 verification, as {@code finishAssertion} makes it. */
    @Benchmark
    public boolean verify() throws GeneralSecurityException {
        int i = next++ & (MESSAGES - 1);
        Signature verifier = Signature.getInstance(ALGORITHM, jca);
        verifier.initVerify(publicKey);
        verifier.update(signedData[i]);
        return verifier.verify(signatures[i]);
    }

    /** One ES256 signature, as an access token's. */
    @Benchmark
    public byte[] sign() throws GeneralSecurityException {
        Signature signer = Signature.getInstance(ALGORITHM, jca);
        signer.initSign(privateKey);
        signer.update(tokenSigningInput);
        return signer.sign();
    }
}
