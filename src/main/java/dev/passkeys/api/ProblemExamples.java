package dev.passkeys.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Gives every problem+json response of the OpenAPI document one example per {@code code} its description names
 * (each response lists its codes), so that the console shows what a client must handle. The catalogue below
 * holds a typical {@code detail} per code; a response that names none gets the generic code of its status.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemExamples implements OASFilter {

    static final String PROBLEM_JSON = "application/problem+json";
    private static final Pattern WORD = Pattern.compile("[a-z]+(?:_[a-z]+)+|[a-z]+");

    /** Every code the service answers with, and a detail as the service words it. */
    static final Map<String, String> CATALOGUE = Map.ofEntries(
            Map.entry("invalid_request", "The request body is not valid JSON of the expected shape"),
            Map.entry("invalid_username", "username is required"),
            Map.entry("invalid_display_name", "displayName is longer than 64 characters"),
            Map.entry("invalid_name", "name is required"),
            Map.entry("username_taken", "An account with this username already exists"),
            Map.entry("challenge_expired",
                    "The challenge is unknown, expired, already used or not a login challenge; start again"),
            Map.entry("client_data_type_mismatch", "clientDataJSON.type is 'webauthn.get', expected 'webauthn.create'"),
            Map.entry("origin_mismatch", "The origin 'https://evil.example' is not allowed"),
            Map.entry("rp_id_mismatch", "The authenticator data is not scoped to the RP ID 'example.com'"),
            Map.entry("user_not_present", "The authenticator did not report user presence"),
            Map.entry("attestation_invalid", "The registration response does not verify: invalid attestation signature"),
            Map.entry("attestation_untrusted", "The authenticator's attestation does not chain to a trusted root"),
            Map.entry("credential_already_registered", "This credential is already registered"),
            Map.entry("unknown_credential", "This credential is not registered (it may have been deleted)"),
            Map.entry("credential_not_allowed", "This credential is not one of those the login options allowed"),
            Map.entry("user_handle_mismatch", "The user handle does not belong to this credential"),
            Map.entry("user_handle_missing", "A usernameless login needs the user handle of a discoverable credential"),
            Map.entry("counter_regression", "The signature counter did not increase: the authenticator may be cloned"),
            Map.entry("signature_invalid", "The assertion signature does not verify"),
            Map.entry("verification_failed", "The authentication response does not verify"),
            Map.entry("unauthorized", "This endpoint needs an Authorization: Bearer access token"),
            Map.entry("invalid_token",
                    "The access token is malformed, expired, not signed by this service or not meant for it"),
            Map.entry("invalid_refresh_token", "The refresh token is unknown, expired or revoked; sign in again"),
            Map.entry("refresh_token_reused",
                    "This refresh token was already used: its session is revoked as a precaution; sign in again"),
            Map.entry("account_mismatch", "This ceremony was started for another account"),
            Map.entry("not_found", "No passkey with this id belongs to the signed-in account"),
            Map.entry("last_passkey", "The last passkey of an account cannot be deleted; add another one first"),
            Map.entry("too_many_passkeys", "This account already holds 10 passkeys, the most allowed; delete one first"),
            Map.entry("payload_too_large", "The request body exceeds the limit of 65536 bytes"),
            Map.entry("unsupported_media_type", "The request body must be application/json"),
            Map.entry("rate_limited", "Too many requests; try again in 42 s"),
            Map.entry("dependency_unavailable", "A backing service (PostgreSQL or Redis) is unavailable; try again later"),
            Map.entry("internal_error", "An unexpected error occurred"),
            Map.entry("insufficient_scope", "A recovery token may only list passkeys and add one"),
            Map.entry("api_key_missing", "The admin API needs an X-API-Key header"),
            Map.entry("api_key_invalid", "The X-API-Key is not one of the configured keys"),
            Map.entry("browser_origin_refused", "The admin API is for the app's backend, never for a browser origin"),
            Map.entry("invalid_external_id", "externalId is required"),
            Map.entry("enrollment_ticket_invalid", "The enrollment ticket is unknown, expired or already used"),
            Map.entry("recovery_failed", "The username and recovery code do not match an unused code"));

    /** The code of a status when a response names none. */
    private static final Map<String, String> BY_STATUS = Map.of("400", "invalid_request", "401", "unauthorized",
            "404", "not_found", "413", "payload_too_large", "415", "unsupported_media_type", "429", "rate_limited",
            "503", "dependency_unavailable");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().values().forEach(path -> path.getOperations().values()
                .forEach(ProblemExamples::addExamples));
    }

    private static void addExamples(Operation operation) {
        if (operation.getResponses() == null || operation.getResponses().getAPIResponses() == null) {
            return;
        }
        operation.getResponses().getAPIResponses().forEach((status, response) -> {
            MediaType problem = response.getContent() == null ? null : response.getContent().getMediaType(PROBLEM_JSON);
            if (problem != null && (problem.getExamples() == null || problem.getExamples().isEmpty())) {
                codes(status, response).forEach((code, detail) -> problem.addExample(code,
                        OASFactory.createExample().value(example(Integer.parseInt(status), code, detail))));
            }
        });
    }

    /** The catalogued codes the description names, in its order; the status's own code when it names none. */
    static Map<String, String> codes(String status, APIResponse response) {
        Map<String, String> codes = new LinkedHashMap<>();
        Matcher words = WORD.matcher(response.getDescription() == null ? "" : response.getDescription());
        while (words.find()) {
            String word = words.group();
            if (CATALOGUE.containsKey(word)) {
                codes.put(word, CATALOGUE.get(word));
            }
        }
        if (codes.isEmpty() && BY_STATUS.containsKey(status)) {
            codes.put(BY_STATUS.get(status), CATALOGUE.get(BY_STATUS.get(status)));
        }
        return codes;
    }

    private static Map<String, Object> example(int status, String code, String detail) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "about:blank");
        example.put("title", ProblemDocument.title(status));
        example.put("status", status);
        example.put("detail", detail);
        example.put("code", code);
        if ("unknown_credential".equals(code)) {
            example.put("unknownCredentialId", "AAECAwQFBgcICQoLDA0ODw");
        }
        return example;
    }
}
