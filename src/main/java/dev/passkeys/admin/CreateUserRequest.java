package dev.passkeys.admin;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /api/admin/users}: a user of the app, created here without a passkey. */
public record CreateUserRequest(
        @Schema(description = "1 to 64 characters after trimming, unique case-insensitively", required = true,
                examples = "alice@example.com") String username,
        @Schema(description = "Optional: defaults to the username", examples = "Alice") String displayName,
        @Schema(description = "The app's own id of the user: 1 to 255 characters, no control characters; creating "
                + "a user with an externalId that exists returns that user", required = true, examples = "user-4711")
        String externalId) {
}
