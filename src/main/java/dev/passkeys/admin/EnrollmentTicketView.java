package dev.passkeys.admin;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new enrollment ticket, shown once. */
public record EnrollmentTicketView(
        @Schema(description = "Single-use secret for register-options' enrollmentTicket; stored only as a hash",
                examples = "q2X0d3Bl9o8h2Uu1sT9n5dJm0Qe7bVw4ZfKcR6yLpA") String ticket,
        @Schema(description = "When the ticket stops working (PASSKEY_ENROLLMENT_TTL after it was issued)") Instant expiresAt) {
}
