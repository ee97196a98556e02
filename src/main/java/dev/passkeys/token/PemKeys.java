package dev.passkeys.token;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.EncodedKeySpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM keys: PKCS#8 private keys (the public key derived from them) and X.509 public keys, of the kinds
 * {@link JwtAlgorithm} signs with; and writing a key. The public half of a private key comes from
 * {@link DerivedPublicKeys}. Only the JDK's own APIs: a signed crypto library on the
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
        return DerivedPublicKeys.pairOf(privateKey(der));
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
        return DerivedPublicKeys.pairOf(privateKey(privateKey)).getPublic();
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
}
