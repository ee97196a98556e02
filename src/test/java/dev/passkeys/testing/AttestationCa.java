package dev.passkeys.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A test certificate authority for authenticator attestation: a root, and attestation certificates it issues in the
 * form WebAuthn's "packed" format requires (§8.2.1: OU "Authenticator Attestation", not a CA). A
 * {@link SoftwareAuthenticator} given one ({@link CeremonyOptions#withPackedAttestation}) signs its attestation
 * with the certificate's key and sends the chain as {@code x5c}.
 */
public final class AttestationCa {

    private static final String ROOT = "root.der";
    private static final String CERTIFICATE = "attestation.der";
    private static final String KEY = "attestation-key.der";

    private final X509Certificate root;
    private final PrivateKey attestationKey;
    private final X509Certificate attestationCertificate;

    private AttestationCa(X509Certificate root, X509Certificate attestationCertificate, PrivateKey attestationKey) {
        this.root = root;
        this.attestationCertificate = attestationCertificate;
        this.attestationKey = attestationKey;
    }

    /** A new CA with a fresh root and one attestation certificate. */
    public static AttestationCa create(String name) {
        try {
            KeyPair rootKeys = ecKeyPair();
            X500Name rootName = new X500Name("C=SE, O=Passkey Tests, CN=" + name + " Root CA");
            X509Certificate root = certificate(rootName, rootName, rootKeys.getPublic(), rootKeys.getPrivate(), true);
            KeyPair attestationKeys = ecKeyPair();
            X509Certificate leaf = certificate(rootName,
                    new X500Name("C=SE, O=Passkey Tests, OU=Authenticator Attestation, CN=" + name + " Authenticator"),
                    attestationKeys.getPublic(), rootKeys.getPrivate(), false);
            return new AttestationCa(root, leaf, attestationKeys.getPrivate());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The CA kept in {@code directory}, made there on first use: a test profile (which configures the service)
     * and the test (which signs with it) reach the same CA whatever class loader each runs in.
     */
    public static synchronized AttestationCa stored(Path directory, String name) {
        try {
            if (!Files.exists(directory.resolve(KEY))) {
                AttestationCa ca = create(name);
                Files.createDirectories(directory);
                Files.write(directory.resolve(ROOT), ca.root.getEncoded());
                Files.write(directory.resolve(CERTIFICATE), ca.attestationCertificate.getEncoded());
                Files.write(directory.resolve(KEY), ca.attestationKey.getEncoded());
            }
            var certificates = java.security.cert.CertificateFactory.getInstance("X.509");
            X509Certificate root = (X509Certificate) certificates.generateCertificate(
                    Files.newInputStream(directory.resolve(ROOT)));
            X509Certificate leaf = (X509Certificate) certificates.generateCertificate(
                    Files.newInputStream(directory.resolve(CERTIFICATE)));
            PrivateKey key = java.security.KeyFactory.getInstance("EC").generatePrivate(
                    new java.security.spec.PKCS8EncodedKeySpec(Files.readAllBytes(directory.resolve(KEY))));
            return new AttestationCa(root, leaf, key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public X509Certificate root() {
        return root;
    }

    /** The attestation certificate chain, leaf first, without the root (as authenticators send x5c). */
    public List<X509Certificate> chain() {
        return List.of(attestationCertificate);
    }

    public PrivateKey attestationKey() {
        return attestationKey;
    }

    /** Writes PEM certificates to a file, e.g. for {@code PASSKEY_ATTESTATION_TRUST_FILE}. */
    public static Path writePem(Path file, X509Certificate... certificates) {
        StringBuilder pem = new StringBuilder();
        try {
            for (X509Certificate certificate : certificates) {
                pem.append("-----BEGIN CERTIFICATE-----\n")
                        .append(Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, pem);
            return file;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static X509Certificate certificate(X500Name issuer, X500Name subject, java.security.PublicKey key,
            PrivateKey signer, boolean ca) throws GeneralSecurityException, IOException {
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(now.toEpochMilli()).add(
                BigInteger.valueOf(System.nanoTime() & 0xffff)), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(365))), subject, key);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (ca) {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        }
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static KeyPair ecKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }
}
