package dev.passkeys.audit;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One event of the signed-in user's audit trail. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "AuditEvent")
public record AuditEventView(
        @Schema(description = "Opaque, increasing; the cursor of the next page") String id,
        @Schema(description = "sign_up, login_success, login_failure, passkey_added, passkey_renamed, passkey_deleted, "
                + "rate_limited or counter_regression", examples = "login_failure") String type,
        Instant occurredAt,
        @Schema(description = "The passkey concerned, when there is one") String credentialId,
        @Schema(description = "login_failure: the problem's code (e.g. signature_invalid); rate_limited: the budget "
                + "spent (ip, username, credential)", examples = "signature_invalid") String reason,
        @Schema(description = "The client IP (through a trusted proxy: the client it forwarded)") String clientIp,
        @Schema(description = "The client's User-Agent, at most 256 characters") String userAgent) {
}
