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
import java.security.spec.EncodedKeySpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.KeyAgreement;

/**
 * PEM keys: PKCS#8 private keys (the public key derived from them) and X.509 public keys, of the kinds
 * {@link JwtAlgorithm} signs with; and writing a key. Only the JDK's own APIs: a signed crypto library on the
 * class path costs every start its signature check and keeps its classes out of the AOT cache.
 */
final class PemKeys {

    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
    private static final List<String> ALGORITHMS = List.of("EC", "Ed25519", "RSA");
    private static final String PRIVATE_KEY = "PRIVATE KEY";
    private static final String PUBLIC_KEY = "PUBLIC KEY";

    private PemKeys() {
    }

    /** The key pair of a PKCS#8 PEM private key. */
    static KeyPair readKeyPair(String pem) throws GeneralSecurityException {
        byte[] der = block(pem, PRIVATE_KEY).orElseThrow(() -> new GeneralSecurityException(
                "not a PKCS#8 PEM private key (-----BEGIN PRIVATE KEY-----)" + hint(pem)));
        return keyPairOf(privateKey(der));
    }

    /** The public key of a PKCS#8 PEM private key or of an X.509 PEM public key. */
    static PublicKey readPublicKey(String pem) throws GeneralSecurityException {
        Optional<byte[]> publicKey = block(pem, PUBLIC_KEY);
        if (publicKey.isPresent()) {
            PublicKey key = decode(new X509EncodedKeySpec(publicKey.get()), (factory, spec) -> factory.generatePublic(spec));
            JwtAlgorithm.of(key);
            return key;
        }
        byte[] privateKey = block(pem, PRIVATE_KEY).orElseThrow(() -> new GeneralSecurityException(
                "neither a PKCS#8 private key (-----BEGIN PRIVATE KEY-----) nor an X.509 public key "
                        + "(-----BEGIN PUBLIC KEY-----)" + hint(pem)));
        return keyPairOf(privateKey(privateKey)).getPublic();
    }

    static String toPem(PrivateKey key) {
        return pem(PRIVATE_KEY, key.getEncoded());
    }

    static String toPem(PublicKey key) {
        return pem(PUBLIC_KEY, key.getEncoded());
    }

    private static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    /** The DER of the first PEM block, if it has this label. */
    private static Optional<byte[]> block(String pem, String label) throws GeneralSecurityException {
        Matcher block = BLOCK.matcher(pem);
        if (!block.find() || !block.group(1).equals(label)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getMimeDecoder().decode(block.group(2)));
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("the PEM block is not valid base64");
        }
    }

    /** What the file holds instead, when it is recognisably another kind of PEM key. */
    private static String hint(String pem) {
        Matcher block = BLOCK.matcher(pem);
        if (!block.find()) {
            return "";
        }
        String found = block.group(1);
        return "; found -----BEGIN " + found + "-----" + (found.endsWith(PRIVATE_KEY)
                ? ", which converts with: openssl pkcs8 -topk8 -nocrypt -in old.pem -out key.pem" : "");
    }

    private static PrivateKey privateKey(byte[] der) throws GeneralSecurityException {
        return decode(new PKCS8EncodedKeySpec(der), (factory, spec) -> factory.generatePrivate(spec));
    }

    private interface Decoder<K> {
        K decode(KeyFactory factory, EncodedKeySpec spec) throws GeneralSecurityException;
    }

    /** PKCS#8 and X.509 name their algorithm inside; each factory refuses the encodings of the others. */
    private static <K> K decode(EncodedKeySpec spec, Decoder<K> decoder) throws GeneralSecurityException {
        for (String algorithm : ALGORITHMS) {
            try {
                return decoder.decode(KeyFactory.getInstance(algorithm), spec);
            } catch (InvalidKeySpecException notThisAlgorithm) {
                // the next one
            }
        }
        throw new GeneralSecurityException("not a P-256 EC, Ed25519 or RSA key");
    }

    /** PKCS#8 does not always carry the public key, so it is computed from the private one. */
    private static KeyPair keyPairOf(PrivateKey privateKey) throws GeneralSecurityException {
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
