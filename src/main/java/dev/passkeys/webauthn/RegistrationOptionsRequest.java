package dev.passkeys.webauthn;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** register-options body: a sign-up's account; empty when a signed-in user adds a passkey. */
public record RegistrationOptionsRequest(
        @Schema(description = "Sign-up only: 1 to 64 characters after trimming, unique case-insensitively",
                examples = "alice@example.com") String username,
        @Schema(description = "Sign-up only, optional: defaults to the username", examples = "Alice") String displayName) {

    static final RegistrationOptionsRequest EMPTY = new RegistrationOptionsRequest(null, null);
}
