package dev.passkeys.account;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.passkeys.webauthn.ProviderNames;

/** The contract's Passkey, plus {@code suspect}; {@code id} is the credential ID (base64url). */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PasskeyView(String id, String name, Instant createdAt, Instant lastUsedAt, List<String> transports,
        UUID aaguid,
        @Schema(description = "The passkey provider's name (\"iCloud Keychain\", \"Google Password Manager\", …) "
                + "when its AAGUID is a known one, else null") String provider,
        boolean backupEligible, boolean backedUp, String deviceType,
        @Schema(description = "A login with this passkey once presented a signature counter that did not increase "
                + "(the login was refused): the authenticator may have been cloned") boolean suspect) {

    public static PasskeyView of(Passkey passkey, ProviderNames providers) {
        return new PasskeyView(passkey.credentialId, passkey.name, passkey.createdAt, passkey.lastUsedAt,
                passkey.transportList(), passkey.aaguid, providers.of(passkey.aaguid).orElse(null),
                passkey.backupEligible, passkey.backedUp, passkey.backupEligible ? "multiDevice" : "singleDevice",
                passkey.suspect);
    }
}
