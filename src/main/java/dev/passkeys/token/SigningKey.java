package dev.passkeys.token;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.Map;

/** The key that signs new access tokens, with its published public half. */
public record SigningKey(PublishedKey published, PrivateKey privateKey) {

    static SigningKey of(KeyPair keyPair) throws GeneralSecurityException {
        return new SigningKey(PublishedKey.of(keyPair.getPublic()), keyPair.getPrivate());
    }

    public String kid() {
        return published.kid();
    }

    /** The JWS {@code alg}: ES256, EdDSA or RS256. */
    public String algorithm() {
        return published.algorithm();
    }

    public Map<String, Object> publicJwk() {
        return published.jwk();
    }

    @Override
    public String toString() {
        return "SigningKey[kid=" + kid() + ", alg=" + algorithm() + "]";
    }
}
