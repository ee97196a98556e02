package dev.passkeys.admin;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.passkeys.account.PasskeyView;

/** A user as the app's backend sees it: the contract's User, the app's own id, the passkeys. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AdminUserView(UUID id, String username, String displayName, Instant createdAt,
        @Schema(description = "The app's own id of the user (ext_id in access tokens); null for users who signed up "
                + "on their own") String externalId,
        @Schema(description = "Whether the user can sign in: they hold at least one passkey") boolean canSignIn,
        @Schema(description = "The user's passkeys, oldest first") List<PasskeyView> passkeys) {
}
