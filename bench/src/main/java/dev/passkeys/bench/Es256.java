package dev.passkeys.bench;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;

/** The few lines of ES256 (ECDSA P-256 with SHA-256) and COSE work a software authenticator needs. */
public final class Es256 {

    public static final int COSE_ALG_ES256 = -7;

    private Es256() {
    }

    /** A P-256 key pair from the default provider (or the given one). */
    public static KeyPair generate(Provider provider) {
        try {
            KeyPairGenerator generator = provider == null
                    ? KeyPairGenerator.getInstance("EC")
                    : KeyPairGenerator.getInstance("EC", provider);
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA256withECDSA: the DER signature WebAuthn expects for ES256. */
    public static byte[] sign(PrivateKey key, byte[] data) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(key);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An EC2 COSE_Key in CTAP2 canonical order: {1: 2 (EC2), 3: -7 (ES256), -1: 1 (P-256), -2: x, -3: y}. */
    public static byte[] coseKey(ECPublicKey key) {
        byte[] cose = new byte[77];
        byte[] head = { (byte) 0xA5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21, 0x58, 0x20 };
        System.arraycopy(head, 0, cose, 0, head.length);
        System.arraycopy(unsigned32(key.getW().getAffineX()), 0, cose, 10, 32);
        cose[42] = 0x22;
        cose[43] = 0x58;
        cose[44] = 0x20;
        System.arraycopy(unsigned32(key.getW().getAffineY()), 0, cose, 45, 32);
        return cose;
    }

    /** A coordinate as exactly 32 unsigned big-endian bytes (BigInteger adds a sign byte or drops leading zeros). */
    private static byte[] unsigned32(BigInteger coordinate) {
        byte[] bytes = coordinate.toByteArray();
        byte[] fixed = new byte[32];
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, fixed, 32 - length, length);
        return fixed;
    }
}
