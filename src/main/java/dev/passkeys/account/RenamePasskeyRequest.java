package dev.passkeys.account;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** PATCH body of a passkey. */
public record RenamePasskeyRequest(
        @Schema(description = "New name, 1 to 64 characters after trimming", examples = "Work laptop", required = true) String name) {
}
