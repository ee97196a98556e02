package dev.passkeys.token;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA-256 under a key that every replica shares, kept with the server's secrets: values derived from an input
 * that all replicas agree on, which cannot be traced back to that input without the key.
 */
public final class KeyedHash {

    private static final int KEY_BYTES = 32;

    private final SecretKeySpec key;

    private KeyedHash(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /** The keyed hash under the shared secret of this name, which the first replica to ask creates. Blocking. */
    public static KeyedHash shared(ServerSecrets secrets, String name) {
        byte[] candidate = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(candidate);
        String stored = secrets.getOrCreate(name, Base64.getEncoder().encodeToString(candidate));
        return new KeyedHash(Base64.getDecoder().decode(stored));
    }

    /** The 32-byte HMAC of the input's UTF-8 bytes. */
    public byte[] of(String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
