package dev.passkeys.recovery;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A recovery token: a bearer token for register-options/register-verify (and listing passkeys) only. */
public record RecoveryToken(
        @Schema(description = "JWT with scope passkey:add and amr [\"otp\"]", required = true)
        @JsonProperty("access_token") String accessToken,
        @Schema(description = "Always Bearer", examples = "Bearer", required = true)
        @JsonProperty("token_type") String tokenType,
        @Schema(description = "Seconds until the token expires (PASSKEY_RECOVERY_TOKEN_TTL)", examples = "300", required = true)
        @JsonProperty("expires_in") long expiresIn,
        @Schema(description = "What the token may do", examples = "passkey:add", required = true)
        String scope) {
}
