package dev.passkeys.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A test FIDO Metadata Service: an RSA root and the certificate that signs BLOBs (RS256, as FIDO's does), whose CRL
 * distribution point is a {@code file:} URL of an empty revocation list the root signed, so Yubico's revocation check of
 * the BLOB's chain passes without a network. {@link #blob} makes an MDS3 BLOB listing one authenticator model.
 */
public final class MetadataService {

    /** FIDO's legal header, which the service expects. */
    public static final String LEGAL_HEADER = "Retrieval and use of this BLOB indicates acceptance of the appropriate "
            + "agreement located at https://fidoalliance.org/metadata/metadata-legal-terms/";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final X509Certificate root;
    private final X509Certificate signer;
    private final PrivateKey signingKey;

    private MetadataService(X509Certificate root, X509Certificate signer, PrivateKey signingKey) {
        this.root = root;
        this.signer = signer;
        this.signingKey = signingKey;
    }

    /** A new service whose root's revocation list is written into {@code directory}. */
    public static MetadataService create(Path directory, String name) {
        try {
            KeyPair rootKeys = rsaKeyPair();
            X500Name rootName = new X500Name("C=SE, O=Passkey Tests, CN=" + name + " MDS Root");
            Instant now = Instant.now();
            var rootBuilder = builder(rootName, rootName, rootKeys.getPublic(), now);
            rootBuilder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            rootBuilder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate root = convert(rootBuilder.build(rsaSigner(rootKeys.getPrivate())));

            Path crl = directory.toAbsolutePath().resolve(name.toLowerCase() + "-mds-root.crl");
            X509v2CRLBuilder crlBuilder = new X509v2CRLBuilder(rootName, Date.from(now.minus(Duration.ofMinutes(5))));
            crlBuilder.setNextUpdate(Date.from(now.plus(Duration.ofDays(30))));
            Files.createDirectories(directory);
            Files.write(crl, crlBuilder.build(rsaSigner(rootKeys.getPrivate())).getEncoded());

            KeyPair signerKeys = rsaKeyPair();
            var signerBuilder = builder(rootName, new X500Name("C=SE, O=Passkey Tests, CN=" + name + " MDS BLOB Signer"),
                    signerKeys.getPublic(), now);
            signerBuilder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            signerBuilder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            signerBuilder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
                    new DistributionPoint(new DistributionPointName(new GeneralNames(new GeneralName(
                            GeneralName.uniformResourceIdentifier, crl.toUri().toString()))), null, null) }));
            X509Certificate signer = convert(signerBuilder.build(rsaSigner(rootKeys.getPrivate())));
            return new MetadataService(root, signer, signerKeys.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public X509Certificate root() {
        return root;
    }

    /** A BLOB listing one authenticator model, FIDO_CERTIFIED, whose attestation chains to {@code attestationRoot}. */
    public String blob(UUID aaguid, X509Certificate attestationRoot, LocalDate nextUpdate) {
        return sign(payload(LEGAL_HEADER, aaguid, attestationRoot, nextUpdate));
    }

    /** The JWS of {@code payload}: RS256, the signing certificate as {@code x5c}. */
    public String sign(ObjectNode payload) {
        try {
            ObjectNode header = JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT");
            header.putArray("x5c").add(Base64.getEncoder().encodeToString(signer.getEncoded()));
            String input = BASE64URL.encodeToString(JSON.writeValueAsBytes(header)) + "."
                    + BASE64URL.encodeToString(JSON.writeValueAsBytes(payload));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(signingKey);
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + BASE64URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An MDS3 BLOB payload with one entry, whose metadata statement has every member Yubico's parser requires. */
    public static ObjectNode payload(String legalHeader, UUID aaguid, X509Certificate attestationRoot, LocalDate nextUpdate) {
        try {
            ObjectNode payload = JSON.createObjectNode().put("legalHeader", legalHeader).put("no", 1)
                    .put("nextUpdate", nextUpdate.toString());
            ObjectNode entry = payload.putArray("entries").addObject().put("aaguid", aaguid.toString());
            ObjectNode statement = entry.putObject("metadataStatement").put("legalHeader", legalHeader)
                    .put("aaguid", aaguid.toString()).put("description", "Passkey Tests Authenticator")
                    .put("authenticatorVersion", 1).put("protocolFamily", "fido2").put("schema", 3);
            statement.putArray("upv").addObject().put("major", 1).put("minor", 0);
            statement.putArray("authenticationAlgorithms").add("secp256r1_ecdsa_sha256_raw");
            statement.putArray("publicKeyAlgAndEncodings").add("cose");
            statement.putArray("attestationTypes").add("basic_full");
            statement.putArray("userVerificationDetails").addArray().addObject()
                    .put("userVerificationMethod", "presence_internal");
            statement.putArray("keyProtection").add("hardware").add("secure_element");
            statement.putArray("matcherProtection").add("on_chip");
            statement.putArray("tcDisplay");
            statement.putArray("attestationRootCertificates")
                    .add(Base64.getEncoder().encodeToString(attestationRoot.getEncoded()));
            ArrayNode reports = entry.putArray("statusReports");
            reports.addObject().put("status", "FIDO_CERTIFIED").put("effectiveDate", "2024-01-01");
            entry.put("timeOfLastStatusChange", "2024-01-01");
            return payload;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code content} to {@code file}, e.g. a BLOB for {@code PASSKEY_ATTESTATION_METADATA_FILE}. */
    public static Path write(Path file, String content) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JcaX509v3CertificateBuilder builder(X500Name issuer, X500Name subject, java.security.PublicKey key,
            Instant now) {
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(now.toEpochMilli()).add(
                BigInteger.valueOf(System.nanoTime() & 0xffff)), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(365))), subject, key);
    }

    private static ContentSigner rsaSigner(PrivateKey key) throws OperatorCreationException {
        return new JcaContentSignerBuilder("SHA256withRSA").build(key);
    }

    private static X509Certificate convert(org.bouncycastle.cert.X509CertificateHolder holder)
            throws GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private static KeyPair rsaKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }
}
