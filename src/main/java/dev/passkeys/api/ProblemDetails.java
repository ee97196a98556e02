package dev.passkeys.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The shape of every error body, for the OpenAPI document; {@link ProblemDocument} writes it.
 * RFC 9457 problem details plus the contract's stable {@code code}.
 */
@Schema(name = "Problem", description = "RFC 9457 problem details; `code` is the stable, machine-readable part")
public record ProblemDetails(
        @Schema(examples = "about:blank", required = true) String type,
        @Schema(examples = "Bad Request", required = true) String title,
        @Schema(examples = "400", required = true) int status,
        @Schema(examples = "The challenge is unknown, expired, already used or not a registration challenge; start again",
                required = true) String detail,
        @Schema(examples = "challenge_expired", required = true, description = "One of: invalid_request, "
                + "invalid_username, invalid_display_name, invalid_name, username_taken, challenge_expired, "
                + "client_data_type_mismatch, origin_mismatch, rp_id_mismatch, user_not_present, attestation_invalid, attestation_untrusted, "
                + "credential_already_registered, unknown_credential, credential_not_allowed, user_handle_mismatch, "
                + "user_handle_missing, counter_regression, signature_invalid, verification_failed, unauthorized, "
                + "invalid_token, account_mismatch, not_found, last_passkey, too_many_passkeys, payload_too_large, unsupported_media_type, "
                + "method_not_allowed, not_acceptable, rate_limited, dependency_unavailable, internal_error") String code,
        @Schema(description = "login-verify with code unknown_credential only: the credential ID to pass to "
                + "PublicKeyCredential.signalUnknownCredential()") String unknownCredentialId) {
}
