package dev.passkeys.account;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What the WebAuthn Signal API needs to keep the user's password manager in step with the service: the
 * arguments of {@code PublicKeyCredential.signalAllAcceptedCredentials({rpId, userId, allAcceptedCredentialIds})}
 * and {@code PublicKeyCredential.signalCurrentUserDetails({rpId, userId, name, displayName})}.
 */
@Schema(name = "PasskeySignals")
public record PasskeySignals(
        @Schema(description = "The RP ID the passkeys are scoped to", examples = "example.com") String rpId,
        @Schema(description = "The WebAuthn user handle (user.id of the creation options), base64url; not the User id",
                examples = "_G-X5MRZ9zZ9ZPqVSk4UhTn4lYpSt4Np6CFgwMqReBY") String userId,
        @Schema(description = "Every credential ID the service accepts for this user, base64url")
        List<String> allAcceptedCredentialIds,
        @Schema(description = "The username, as user.name", examples = "alice@example.com") String name,
        @Schema(description = "The display name, as user.displayName", examples = "Alice") String displayName) {

    static PasskeySignals of(String rpId, UserAccount user, List<Passkey> passkeys) {
        return new PasskeySignals(rpId, user.userHandle, passkeys.stream().map(passkey -> passkey.credentialId).toList(),
                user.username, user.displayName);
    }
}
