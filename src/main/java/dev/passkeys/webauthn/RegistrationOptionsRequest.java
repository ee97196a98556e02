package dev.passkeys.webauthn;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.passkeys.api.Problem;

/** register-options body: a sign-up's account; empty when a signed-in user adds a passkey. */
public record RegistrationOptionsRequest(
        @Schema(description = "Sign-up only: 1 to 64 characters after trimming, unique case-insensitively",
                examples = "alice@example.com") String username,
        @Schema(description = "Sign-up only, optional: defaults to the username", examples = "Alice") String displayName,
        @Schema(description = "Signed-in callers only, optional: \"conditional\" for options the page passes to "
                + "navigator.credentials.create({mediation: \"conditional\"}) (the browser creates a passkey without a "
                + "prompt); that ceremony alone accepts an attestation without user presence",
                enumeration = "conditional") String mediation,
        @Schema(description = "Instead of a bearer token and a username: a ticket of the admin API "
                + "(POST /api/admin/users/{id}/enrollment-tickets); the ceremony adds a passkey to that user's account, "
                + "and its register-verify uses up the ticket and signs the user in") String enrollmentTicket) {

    static final RegistrationOptionsRequest EMPTY = new RegistrationOptionsRequest(null, null, null, null);

    static final String CONDITIONAL = "conditional";

    /** Whether the caller asks for a conditional create; any other mediation than "conditional" is refused. */
    boolean conditional() {
        if (mediation == null) {
            return false;
        }
        if (!CONDITIONAL.equals(mediation)) {
            throw Problem.invalidRequest("mediation must be \"conditional\" or left out");
        }
        return true;
    }
}
