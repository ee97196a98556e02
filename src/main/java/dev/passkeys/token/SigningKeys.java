package dev.passkeys.token;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.passkeys.config.InvalidConfigurationException;
import dev.passkeys.config.PasskeyConfig;
import io.quarkus.runtime.Startup;

/**
 * The keys behind the service's tokens, loaded once at start-up (a missing or unreadable key stops the
 * start). Production reads {@code PASSKEY_JWT_SIGNING_KEY_FILE}; dev and test may instead generate a key
 * once and share it through the database, so every replica on that database signs with the same key.
 */
@Startup
@Singleton
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);
    static final String SHARED_KEY_NAME = "jwt-signing-key";

    private final SigningKey active;

    SigningKeys(PasskeyConfig config, ServerSecrets secrets) {
        this.active = SigningKey.es256(load(config, secrets));
        LOG.infof("Access tokens are signed with %s key %s", active.algorithm(), active.kid());
    }

    /** The key that signs new tokens. */
    public SigningKey active() {
        return active;
    }

    /** Every key whose tokens may still be valid, as published in the JWKS. */
    public List<SigningKey> published() {
        return List.of(active);
    }

    public Map<String, Object> jwks() {
        return Map.of("keys", published().stream().map(SigningKey::publicJwk).toList());
    }

    private static java.security.KeyPair load(PasskeyConfig config, ServerSecrets secrets) {
        PasskeyConfig.Jwt jwt = config.jwt();
        try {
            if (jwt.signingKeyFile().isPresent()) {
                Path file = jwt.signingKeyFile().get();
                return PemKeys.readEcKeyPair(Files.readString(file));
            }
            if (!jwt.generateSigningKey()) {
                throw new InvalidConfigurationException("PASSKEY_JWT_SIGNING_KEY_FILE is required in this profile: "
                        + "the path of the PEM (PKCS#8) P-256 private key that signs access tokens, the same for every replica");
            }
            String candidate = PemKeys.toPem(PemKeys.generateEcKeyPair().getPrivate());
            return PemKeys.readEcKeyPair(secrets.getOrCreate(SHARED_KEY_NAME, candidate));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new InvalidConfigurationException("PASSKEY_JWT_SIGNING_KEY_FILE cannot be used: " + e.getMessage());
        }
    }
}
