package dev.passkeys.account;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The contract's Passkey, plus {@code suspect}; {@code id} is the credential ID (base64url). */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PasskeyView(String id, String name, Instant createdAt, Instant lastUsedAt, List<String> transports,
        UUID aaguid, boolean backupEligible, boolean backedUp, String deviceType,
        @Schema(description = "A login with this passkey once presented a signature counter that did not increase "
                + "(the login was refused): the authenticator may have been cloned") boolean suspect) {

    public static PasskeyView of(Passkey passkey) {
        return new PasskeyView(passkey.credentialId, passkey.name, passkey.createdAt, passkey.lastUsedAt,
                passkey.transportList(), passkey.aaguid, passkey.backupEligible, passkey.backedUp,
                passkey.backupEligible ? "multiDevice" : "singleDevice", passkey.suspect);
    }
}
