package dev.passkeys.token;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.stream.Collectors;

import dev.passkeys.config.InvalidConfigurationException;

/** The JWS algorithms tokens may be signed with, each tied to one kind of key. */
enum JwtAlgorithm {
    /** ECDSA over P-256 with SHA-256: the default, and the smallest tokens. */
    ES256("a P-256 EC"),
    /** Ed25519 (RFC 8037). */
    EdDSA("an Ed25519"),
    /** RSASSA-PKCS1-v1_5 with SHA-256, for stacks that verify nothing else; keys of at least 2048 bits. */
    RS256("an RSA");

    static final int MIN_RSA_BITS = 2048;

    private final String keyKind;

    JwtAlgorithm(String keyKind) {
        this.keyKind = keyKind;
    }

    /** {@code PASSKEY_JWT_ALGORITHM}, case-insensitively. */
    static JwtAlgorithm named(String name) {
        return Arrays.stream(values()).filter(a -> a.name().equalsIgnoreCase(name.strip())).findFirst()
                .orElseThrow(() -> new InvalidConfigurationException("PASSKEY_JWT_ALGORITHM must be one of "
                        + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")) + ", got '" + name + "'"));
    }

    /** The algorithm a public key signs with. */
    static JwtAlgorithm of(PublicKey key) throws GeneralSecurityException {
        if (key instanceof ECPublicKey ec && ec.getParams().getCurve().getField().getFieldSize() == 256) {
            return ES256;
        }
        if (key instanceof EdECPublicKey ed && "Ed25519".equalsIgnoreCase(ed.getParams().getName())) {
            return EdDSA;
        }
        if (key instanceof RSAPublicKey rsa) {
            if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
                throw new GeneralSecurityException("an RSA key must have at least " + MIN_RSA_BITS + " bits");
            }
            return RS256;
        }
        throw new GeneralSecurityException("not a P-256 EC, Ed25519 or RSA key");
    }

    /** Which key it needs, for messages: "a P-256 EC key". */
    String keyKind() {
        return keyKind + " key";
    }

    KeyPair generate() throws GeneralSecurityException {
        KeyPairGenerator generator;
        switch (this) {
            case ES256 -> {
                generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            }
            case EdDSA -> generator = KeyPairGenerator.getInstance("Ed25519");
            default -> {
                generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(MIN_RSA_BITS);
            }
        }
        return generator.generateKeyPair();
    }
}
