package dev.passkeys.token;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.Map;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * A key that signs access tokens, with its {@code kid} (the RFC 7638 thumbprint of its public JWK, so
 * every replica holding the same key names it the same) and its public JWK as published.
 */
public record SigningKey(String kid, String algorithm, PrivateKey privateKey, Map<String, Object> publicJwk) {

    static SigningKey es256(KeyPair keyPair) {
        try {
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(keyPair.getPublic());
            String kid = jwk.calculateBase64urlEncodedThumbprint("SHA-256");
            jwk.setKeyId(kid);
            jwk.setUse("sig");
            jwk.setAlgorithm("ES256");
            return new SigningKey(kid, "ES256", keyPair.getPrivate(),
                    Map.copyOf(jwk.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)));
        } catch (JoseException e) {
            throw new IllegalStateException("The signing key cannot be expressed as a JWK", e);
        }
    }

    @Override
    public String toString() {
        return "SigningKey[kid=" + kid + ", alg=" + algorithm + "]";
    }
}
