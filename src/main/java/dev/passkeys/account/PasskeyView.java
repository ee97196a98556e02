package dev.passkeys.account;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The contract's Passkey; {@code id} is the credential ID (base64url). */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PasskeyView(String id, String name, Instant createdAt, Instant lastUsedAt, List<String> transports,
        UUID aaguid, boolean backupEligible, boolean backedUp, String deviceType) {

    public static PasskeyView of(Passkey passkey) {
        return new PasskeyView(passkey.credentialId, passkey.name, passkey.createdAt, passkey.lastUsedAt,
                passkey.transportList(), passkey.aaguid, passkey.backupEligible, passkey.backedUp,
                passkey.backupEligible ? "multiDevice" : "singleDevice");
    }
}
