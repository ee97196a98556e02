package dev.passkeys.token;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * PEM keys: PKCS#8 private keys (the public key derived from them) and X.509 public keys, of the kinds
 * {@link JwtAlgorithm} signs with; and writing a generated private key.
 */
final class PemKeys {

    private static final String CURVE = "secp256r1";

    private PemKeys() {
    }

    /** The key pair of a PKCS#8 PEM private key. */
    static KeyPair readKeyPair(String pem) throws IOException, GeneralSecurityException {
        if (!(parse(pem) instanceof PrivateKeyInfo info)) {
            throw new GeneralSecurityException("not a PKCS#8 PEM private key (-----BEGIN PRIVATE KEY-----)");
        }
        return keyPairOf(info);
    }

    /** The public key of a PKCS#8 PEM private key or of an X.509 PEM public key. */
    static PublicKey readPublicKey(String pem) throws IOException, GeneralSecurityException {
        Object parsed = parse(pem);
        if (parsed instanceof PrivateKeyInfo info) {
            return keyPairOf(info).getPublic();
        }
        if (parsed instanceof SubjectPublicKeyInfo info) {
            PublicKey key = KeyFactory.getInstance(factoryName(info.getAlgorithm().getAlgorithm()))
                    .generatePublic(new X509EncodedKeySpec(info.getEncoded()));
            JwtAlgorithm.of(key);
            return key;
        }
        throw new GeneralSecurityException("neither a PKCS#8 private key (-----BEGIN PRIVATE KEY-----) "
                + "nor an X.509 public key (-----BEGIN PUBLIC KEY-----)");
    }

    static String toPem(PrivateKey key) throws IOException {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(new PemObject("PRIVATE KEY", key.getEncoded()));
        }
        return out.toString();
    }

    static String toPem(PublicKey key) throws IOException {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(new PemObject("PUBLIC KEY", key.getEncoded()));
        }
        return out.toString();
    }

    private static Object parse(String pem) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            return parser.readObject();
        }
    }

    /** PKCS#8 does not always carry the public key, so it is computed from the private one. */
    private static KeyPair keyPairOf(PrivateKeyInfo info) throws IOException, GeneralSecurityException {
        ASN1ObjectIdentifier oid = info.getPrivateKeyAlgorithm().getAlgorithm();
        KeyFactory factory = KeyFactory.getInstance(factoryName(oid));
        PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
        PublicKey publicKey;
        if (privateKey instanceof ECPrivateKey ec) {
            if (ec.getParams().getCurve().getField().getFieldSize() != 256) {
                throw new GeneralSecurityException("not a P-256 EC key");
            }
            publicKey = ecPublicKeyOf(ec, factory);
        } else if (privateKey instanceof RSAPrivateCrtKey rsa) {
            publicKey = factory.generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        } else if (EdECObjectIdentifiers.id_Ed25519.equals(oid)) {
            byte[] raw = ((Ed25519PrivateKeyParameters) PrivateKeyFactory.createKey(info)).generatePublicKey().getEncoded();
            SubjectPublicKeyInfo spki = new SubjectPublicKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519), raw);
            publicKey = factory.generatePublic(new X509EncodedKeySpec(spki.getEncoded()));
        } else {
            throw new GeneralSecurityException("not a P-256 EC, Ed25519 or RSA private key");
        }
        JwtAlgorithm.of(publicKey);
        return new KeyPair(publicKey, privateKey);
    }

    private static String factoryName(ASN1ObjectIdentifier oid) throws GeneralSecurityException {
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(oid)) {
            return "EC";
        }
        if (EdECObjectIdentifiers.id_Ed25519.equals(oid)) {
            return "Ed25519";
        }
        if (PKCSObjectIdentifiers.rsaEncryption.equals(oid)) {
            return "RSA";
        }
        throw new GeneralSecurityException("not a P-256 EC, Ed25519 or RSA key (algorithm " + oid + ")");
    }

    /** Q = d·G. */
    private static PublicKey ecPublicKeyOf(ECPrivateKey key, KeyFactory factory) throws GeneralSecurityException {
        org.bouncycastle.math.ec.ECPoint q = ECNamedCurveTable.getByName(CURVE).getG().multiply(key.getS()).normalize();
        BigInteger x = q.getAffineXCoord().toBigInteger();
        BigInteger y = q.getAffineYCoord().toBigInteger();
        return factory.generatePublic(new ECPublicKeySpec(new ECPoint(x, y), key.getParams()));
    }
}
