package dev.passkeys.webauthn;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Singleton;

import io.quarkus.runtime.Startup;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Passkey provider names by AAGUID ("iCloud Keychain", "Google Password Manager", …), from the community
 * list shipped as a resource: the default name of a passkey registered without one, and every passkey's
 * {@code provider}.
 */
@Startup
@Singleton
public class ProviderNames {

    private final Map<String, String> names;

    ProviderNames(ObjectMapper json) throws IOException {
        try (InputStream in = ProviderNames.class.getResourceAsStream("/webauthn/aaguid-names.json")) {
            this.names = Map.copyOf(json.readValue(in, new TypeReference<Map<String, String>>() {
            }));
        }
    }

    public Optional<String> of(UUID aaguid) {
        return Optional.ofNullable(names.get(aaguid.toString()));
    }
}
