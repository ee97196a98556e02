package dev.passkeys.recovery;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /api/auth/recovery}. */
public record RecoveryRequest(
        @Schema(description = "The account's username", required = true, examples = "alice@example.com") String username,
        @Schema(description = "One of the account's recovery codes; case, dashes and spaces do not matter",
                required = true, examples = "7KQ2-M9XD-4TPH-C8WN") String code) {
}
