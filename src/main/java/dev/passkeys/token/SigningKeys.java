package dev.passkeys.token;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.passkeys.config.InvalidConfigurationException;
import dev.passkeys.config.PasskeyConfig;
import io.quarkus.runtime.Startup;

/**
 * The keys behind the service's tokens, loaded once at start-up (a missing or unreadable key stops the
 * start). One key signs: production reads {@code PASSKEY_JWT_SIGNING_KEY_FILE}; dev and test may instead
 * generate one once and share it through the database, so every replica on that database signs with the
 * same key. {@code PASSKEY_JWT_VERIFICATION_KEY_FILES} adds keys that do not sign but whose tokens are
 * accepted: the retired key of a rotation, or the next key, published before it signs.
 */
@Startup
@Singleton
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);
    static final String SHARED_KEY_NAME = "jwt-signing-key";

    private final SigningKey active;
    private final List<PublishedKey> published;

    SigningKeys(PasskeyConfig config, ServerSecrets secrets) {
        JwtAlgorithm algorithm = JwtAlgorithm.named(config.jwt().algorithm());
        this.active = signingKey(config.jwt(), algorithm, secrets);
        Map<String, PublishedKey> byKid = new LinkedHashMap<>();
        byKid.put(active.kid(), active.published());
        for (Path file : config.jwt().verificationKeyFiles().orElse(List.of())) {
            PublishedKey key = verificationKey(Path.of(file.toString().strip()));
            byKid.putIfAbsent(key.kid(), key);
        }
        this.published = List.copyOf(new ArrayList<>(byKid.values()));
        LOG.infof("Access tokens are signed with %s key %s; the JWKS publishes %d key(s)", active.algorithm(),
                active.kid(), published.size());
    }

    /** The key that signs new tokens. */
    public SigningKey active() {
        return active;
    }

    /** Every key whose tokens are accepted, the signing key first, as published in the JWKS. */
    public List<PublishedKey> published() {
        return published;
    }

    public Map<String, Object> jwks() {
        return Map.of("keys", published.stream().map(PublishedKey::jwk).toList());
    }

    private static SigningKey signingKey(PasskeyConfig.Jwt jwt, JwtAlgorithm algorithm, ServerSecrets secrets) {
        KeyPair pair;
        try {
            if (jwt.signingKeyFile().isPresent()) {
                pair = PemKeys.readKeyPair(Files.readString(jwt.signingKeyFile().get()));
            } else if (jwt.generateSigningKey()) {
                String candidate = PemKeys.toPem(algorithm.generate().getPrivate());
                pair = PemKeys.readKeyPair(secrets.getOrCreate(sharedKeyName(algorithm), candidate));
            } else {
                throw new InvalidConfigurationException("PASSKEY_JWT_SIGNING_KEY_FILE is required in this profile: "
                        + "the path of the PEM (PKCS#8) private key that signs access tokens, " + algorithm.keyKind()
                        + " for PASSKEY_JWT_ALGORITHM " + algorithm.name() + ", the same for every replica");
            }
            SigningKey key = SigningKey.of(pair);
            if (!key.algorithm().equals(algorithm.name())) {
                throw new InvalidConfigurationException("PASSKEY_JWT_SIGNING_KEY_FILE holds a key for "
                        + key.algorithm() + ", but PASSKEY_JWT_ALGORITHM is " + algorithm.name() + ", which needs "
                        + algorithm.keyKind());
            }
            return key;
        } catch (IOException | GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new InvalidConfigurationException("PASSKEY_JWT_SIGNING_KEY_FILE cannot be used: " + e.getMessage());
        }
    }

    /** ES256 keeps the name it always had, so an existing dev or test database keeps its key. */
    static String sharedKeyName(JwtAlgorithm algorithm) {
        return algorithm == JwtAlgorithm.ES256 ? SHARED_KEY_NAME : SHARED_KEY_NAME + "-" + algorithm.name();
    }

    private static PublishedKey verificationKey(Path file) {
        try {
            return PublishedKey.of(PemKeys.readPublicKey(Files.readString(file)));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new InvalidConfigurationException("PASSKEY_JWT_VERIFICATION_KEY_FILES: '" + file.getFileName()
                    + "' cannot be used: " + e.getMessage());
        }
    }
}
