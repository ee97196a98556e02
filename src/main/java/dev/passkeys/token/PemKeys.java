package dev.passkeys.token;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/** PKCS#8 PEM signing keys: reading one (and deriving its public key) and writing a generated one. */
final class PemKeys {

    private static final String CURVE = "secp256r1";

    private PemKeys() {
    }

    /** The P-256 key pair of a PKCS#8 PEM private key. */
    static KeyPair readEcKeyPair(String pem) throws IOException, GeneralSecurityException {
        Object parsed;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            parsed = parser.readObject();
        }
        if (!(parsed instanceof PrivateKeyInfo info)) {
            throw new GeneralSecurityException("not a PKCS#8 PEM private key (-----BEGIN PRIVATE KEY-----)");
        }
        KeyFactory factory = KeyFactory.getInstance("EC");
        PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
        if (!(privateKey instanceof java.security.interfaces.ECPrivateKey ec)
                || ec.getParams().getCurve().getField().getFieldSize() != 256) {
            throw new GeneralSecurityException("not a P-256 (ES256) private key");
        }
        return new KeyPair(publicKeyOf(ec, factory), privateKey);
    }

    static KeyPair generateEcKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(CURVE));
        return generator.generateKeyPair();
    }

    static String toPem(PrivateKey key) throws IOException {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(new PemObject("PRIVATE KEY", key.getEncoded()));
        }
        return out.toString();
    }

    /** Q = d·G: PKCS#8 does not always carry the public point, so it is computed. */
    private static PublicKey publicKeyOf(java.security.interfaces.ECPrivateKey key, KeyFactory factory)
            throws GeneralSecurityException {
        org.bouncycastle.math.ec.ECPoint q = ECNamedCurveTable.getByName(CURVE).getG().multiply(key.getS()).normalize();
        BigInteger x = q.getAffineXCoord().toBigInteger();
        BigInteger y = q.getAffineYCoord().toBigInteger();
        return factory.generatePublic(new ECPublicKeySpec(new ECPoint(x, y), key.getParams()));
    }
}
