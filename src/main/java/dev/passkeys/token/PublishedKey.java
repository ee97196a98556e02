package dev.passkeys.token;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Map;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * A public key whose tokens are accepted, as the JWKS publishes it. Its {@code kid} is the RFC 7638
 * thumbprint of the public JWK, so every replica holding the same key names it the same.
 */
public record PublishedKey(String kid, String algorithm, Map<String, Object> jwk) {

    static PublishedKey of(PublicKey key) throws GeneralSecurityException {
        String algorithm = JwtAlgorithm.of(key).name();
        try {
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(key);
            String kid = jwk.calculateBase64urlEncodedThumbprint("SHA-256");
            jwk.setKeyId(kid);
            jwk.setUse("sig");
            jwk.setAlgorithm(algorithm);
            return new PublishedKey(kid, algorithm, Map.copyOf(jwk.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)));
        } catch (JoseException e) {
            throw new GeneralSecurityException("the key cannot be expressed as a JWK: " + e.getMessage(), e);
        }
    }
}
