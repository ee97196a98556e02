package dev.passkeys.token;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.List;

import javax.crypto.KeyAgreement;

/** The public key of a P-256 EC, Ed25519 or RSA private key, computed with the JDK's own APIs. */
final class DerivedPublicKeys {

    private DerivedPublicKeys() {
    }

    /** PKCS#8 does not always carry the public key, so it is computed from the private one. */
    static KeyPair pairOf(PrivateKey privateKey) throws GeneralSecurityException {
        PublicKey publicKey;
        if (privateKey instanceof ECPrivateKey ec) {
            publicKey = ecPublicKeyOf(ec);
        } else if (privateKey instanceof EdECPrivateKey ed) {
            publicKey = ed25519PublicKeyOf(ed);
        } else if (privateKey instanceof RSAPrivateCrtKey rsa) {
            publicKey = KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        } else {
            throw new GeneralSecurityException("not a P-256 EC, Ed25519 or RSA private key (with its CRT parameters)");
        }
        JwtAlgorithm.of(publicKey);
        return new KeyPair(publicKey, privateKey);
    }

    /**
     * Q = d·G, through the JDK's ECDH: agreeing with G as the peer yields Q's x; y is the square root of the curve's
     * x³ + ax + b (P-256's p ≡ 3 mod 4, so it is a power), and of y and p − y the one whose key verifies the private
     * key's signature is Q.
     */
    private static PublicKey ecPublicKeyOf(ECPrivateKey key) throws GeneralSecurityException {
        ECParameterSpec p256 = p256();
        if (!sameCurve(key.getParams(), p256)) {
            throw new GeneralSecurityException("not a P-256 EC key");
        }
        KeyFactory factory = KeyFactory.getInstance("EC");
        KeyAgreement ecdh = KeyAgreement.getInstance("ECDH");
        ecdh.init(key);
        ecdh.doPhase(factory.generatePublic(new ECPublicKeySpec(p256.getGenerator(), p256)), true);
        BigInteger x = new BigInteger(1, ecdh.generateSecret());
        BigInteger prime = ((ECFieldFp) p256.getCurve().getField()).getP();
        BigInteger rhs = x.pow(3).add(p256.getCurve().getA().multiply(x)).add(p256.getCurve().getB()).mod(prime);
        BigInteger y = rhs.modPow(prime.add(BigInteger.ONE).shiftRight(2), prime);
        for (BigInteger candidate : List.of(y, prime.subtract(y))) {
            PublicKey publicKey = factory.generatePublic(new ECPublicKeySpec(new ECPoint(x, candidate), p256));
            if (signs(key, publicKey, "SHA256withECDSA")) {
                return publicKey;
            }
        }
        throw new GeneralSecurityException("the EC private key is not a valid P-256 key");
    }

    /**
     * The JDK computes an Ed25519 public key only while it generates the pair, from 32 random bytes that are the
     * private key: given those bytes as its randomness, the JDK's generator rebuilds this key's pair.
     */
    private static PublicKey ed25519PublicKeyOf(EdECPrivateKey key) throws GeneralSecurityException {
        byte[] seed = key.getBytes().orElseThrow(() -> new GeneralSecurityException("the Ed25519 key has no bytes"));
        if (!NamedParameterSpec.ED25519.getName().equalsIgnoreCase(key.getParams().getName())) {
            throw new GeneralSecurityException("not an Ed25519 key");
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519", "SunEC");
        generator.initialize(NamedParameterSpec.ED25519, new SeedRandom(seed));
        KeyPair pair;
        try {
            pair = generator.generateKeyPair();
        } catch (IllegalStateException e) {
            throw new GeneralSecurityException("the Ed25519 public key cannot be derived on this JDK: " + e.getMessage());
        }
        boolean rebuilt = Arrays.equals(((EdECPrivateKey) pair.getPrivate()).getBytes().orElse(null), seed);
        if (!rebuilt || !signs(key, pair.getPublic(), "Ed25519")) {
            throw new GeneralSecurityException("the Ed25519 public key cannot be derived on this JDK");
        }
        return pair.getPublic();
    }

    private static boolean signs(PrivateKey privateKey, PublicKey publicKey, String algorithm)
            throws GeneralSecurityException {
        byte[] message = "passkey-service key check".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(privateKey);
        signer.update(message);
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(publicKey);
        verifier.update(message);
        return verifier.verify(signer.sign());
    }

    private static ECParameterSpec p256() throws GeneralSecurityException {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        return parameters.getParameterSpec(ECParameterSpec.class);
    }

    private static boolean sameCurve(ECParameterSpec a, ECParameterSpec b) {
        return a.getCurve().equals(b.getCurve()) && a.getGenerator().equals(b.getGenerator())
                && a.getOrder().equals(b.getOrder()) && a.getCofactor() == b.getCofactor();
    }

    /** Randomness that is the given bytes. */
    private static final class SeedRandom extends SecureRandom {
        private final byte[] seed;

        SeedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("the generator asked for " + bytes.length + " bytes, not the seed's "
                        + seed.length);
            }
            System.arraycopy(seed, 0, bytes, 0, bytes.length);
        }
    }
}
