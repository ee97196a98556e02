package dev.passkeys.webauthn;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.function.Function;

import jakarta.ws.rs.core.Context;

import com.fasterxml.jackson.databind.JsonNode;

import dev.passkeys.api.ApiExamples;
import dev.passkeys.api.Client;
import dev.passkeys.ratelimit.Budget;
import dev.passkeys.ratelimit.RateLimiter;
import io.vertx.core.http.HttpServerRequest;
import dev.passkeys.api.DependencyDeadline;
import dev.passkeys.api.Problem;
import dev.passkeys.api.ProblemDetails;
import dev.passkeys.token.BearerTokens;
import io.smallrye.mutiny.Uni;

/** The four ceremony endpoints; a missing body means {@code {}}. */
@Path("/api/auth/passkey")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Ceremonies", description = "Sign up, add a passkey, and log in with WebAuthn")
public class CeremonyResource {

    private static final String RATE_LIMITED = "rate_limited: too many requests from this client IP, for this username "
            + "or for this credential; Retry-After tells when to try again";
    private static final String HINTS = "Its hints are PASSKEY_HINTS (client-device, security-key, hybrid), most "
            + "preferred first; empty when not set.";
    private static final String ORIGINS = "The clientDataJSON origin must be one of PASSKEY_ORIGINS (web origins on "
            + "the RP ID, and Android apps as android:apk-key-hash:<base64url SHA-256 of the app's signing certificate>) "
            + "or PASSKEY_RELATED_ORIGINS (web origins on other domains, served at /.well-known/webauthn); any other "
            + "is origin_mismatch.";

    private final RegistrationCeremony registration;
    private final AuthenticationCeremony authentication;
    private final BearerTokens bearer;
    private final DependencyDeadline deadline;
    private final RateLimiter limiter;

    CeremonyResource(RegistrationCeremony registration, AuthenticationCeremony authentication, BearerTokens bearer,
            DependencyDeadline deadline, RateLimiter limiter) {
        this.registration = registration;
        this.authentication = authentication;
        this.bearer = bearer;
        this.deadline = deadline;
        this.limiter = limiter;
    }

    @POST
    @Path("/register-options")
    @Operation(summary = "Start a sign-up (no token) or add a passkey (bearer token)",
            description = "Without Authorization: a sign-up for a new username (nothing is stored until register-verify). "
                    + "With a bearer token: options to add a passkey to the caller's account, excluding its existing passkeys; "
                    + "with a bearer token and {\"mediation\": \"conditional\"}: the same for a conditional create "
                    + "(WebAuthn Level 3), whose register-verify alone accepts an attestation without user presence. "
                    + "With {\"enrollmentTicket\"} (from the admin API) instead of a token: options to add a passkey to "
                    + "the ticket's user, whose register-verify uses the ticket up and signs the user in. A recovery "
                    + "token (from POST /api/auth/recovery) may add a passkey like a signed-in caller. "
                    + "The options' attestation is PASSKEY_ATTESTATION (none by default).")
    @SecurityRequirement(name = "bearer")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RegistrationOptionsRequest.class),
            examples = { @ExampleObject(name = "sign-up", value = ApiExamples.SIGN_UP_OPTIONS_REQUEST),
                    @ExampleObject(name = "add a passkey (bearer token)", value = "{}"),
                    @ExampleObject(name = "conditional create (bearer token)", value = "{\"mediation\": \"conditional\"}"),
                    @ExampleObject(name = "enrollment ticket", value = ApiExamples.ENROLLMENT_OPTIONS_REQUEST) }))
    @APIResponse(responseCode = "200", description = "PublicKeyCredentialCreationOptionsJSON (WebAuthn L3), "
            + "for PublicKeyCredential.parseCreationOptionsFromJSON(). " + HINTS,
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.OBJECT, name = "PublicKeyCredentialCreationOptionsJSON"),
                    examples = @ExampleObject(name = "sign-up", value = ApiExamples.CREATION_OPTIONS)))
    @APIResponse(responseCode = "400", description = "invalid_request (also a mediation other than \"conditional\"), "
            + "invalid_username, invalid_display_name",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "401", description = "invalid_token (a token was sent but is not valid), "
            + "unauthorized (a conditional create without a token), enrollment_ticket_invalid (unknown, expired or used)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "409", description = "username_taken; too_many_passkeys (adding a passkey to an account "
            + "that holds PASSKEY_MAX_PASSKEYS_PER_USER already)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "429", description = RATE_LIMITED, headers = @Header(name = "Retry-After",
            description = "Seconds until the budget's window ends", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    public Uni<ObjectNode> registerOptions(@Context HttpServerRequest http,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, RegistrationOptionsRequest body) {
        RegistrationOptionsRequest request = body == null ? RegistrationOptionsRequest.EMPTY : body;
        Budget signUp = authorization == null && request.username() != null ? limiter.perUsername(request.username()) : null;
        return limited(http, signUp, client -> registration.options(bearer.optional(authorization), request));
    }

    @POST
    @Path("/register-verify")
    @ResponseStatus(201)
    @Operation(summary = "Finish a sign-up (signs the new user in) or the addition of a passkey",
            description = "When the options were issued to a signed-in caller, the same caller's bearer token is required. "
                    + "User presence is required, except in a conditional create. A ceremony started with an enrollment "
                    + "ticket needs no token: it uses the ticket up (of concurrent uses exactly one wins), adds the passkey "
                    + "and answers like a sign-up, with the token response. With PASSKEY_ATTESTATION=direct and "
                    + "PASSKEY_ATTESTATION_TRUST_FILE or PASSKEY_ATTESTATION_METADATA_FILE (a FIDO Metadata Service BLOB), "
                    + "only authenticators whose attestation chains to a trusted root register. " + ORIGINS)
    @SecurityRequirement(name = "bearer")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RegistrationVerifyRequest.class),
            examples = @ExampleObject(name = "registration", value = ApiExamples.REGISTER_VERIFY_REQUEST)))
    @APIResponse(responseCode = "201", description = "Sign-up: the user, the passkey and the token response; "
            + "adding a passkey: the user and the passkey; an enrollment ticket's ceremony: as a sign-up",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(oneOf = { SignedIn.SignUp.class, SignedIn.PasskeyAdded.class }),
                    examples = @ExampleObject(name = "sign-up", value = ApiExamples.SIGN_UP_RESPONSE)))
    @APIResponse(responseCode = "400", description = "invalid_request, invalid_name, challenge_expired, client_data_type_mismatch, origin_mismatch, rp_id_mismatch, user_not_present, attestation_invalid, attestation_untrusted (PASSKEY_ATTESTATION_TRUST_FILE or "
            + "PASSKEY_ATTESTATION_METADATA_FILE: the attestation does not chain to a trusted root), credential_already_registered",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "401", description = "unauthorized, invalid_token, enrollment_ticket_invalid (the "
            + "ticket was used, expired or its user deleted meanwhile)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "403", description = "account_mismatch: the ceremony was started for another account",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "409", description = "username_taken: another sign-up for this username finished first; "
            + "too_many_passkeys: the account reached PASSKEY_MAX_PASSKEYS_PER_USER meanwhile",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "429", description = RATE_LIMITED, headers = @Header(name = "Retry-After",
            description = "Seconds until the budget's window ends", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    public Uni<SignedIn.Registration> registerVerify(@Context HttpServerRequest http,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, RegistrationVerifyRequest body) {
        return limited(http, credentialBudget(body == null ? null : body.credential()),
                client -> registration.verify(client, bearer.optional(authorization), required(body)));
    }

    @POST
    @Path("/login-options")
    @Operation(summary = "Start a login: username-first with a username, usernameless without",
            description = "An unknown username gets options of the same shape (stable decoy credentials, one to "
                    + "three like the passkeys of an account): the answer does not reveal whether an account exists.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = LoginOptionsRequest.class),
            examples = { @ExampleObject(name = "username-first", value = ApiExamples.LOGIN_OPTIONS_REQUEST),
                    @ExampleObject(name = "usernameless", value = "{}") }))
    @APIResponse(responseCode = "200", description = "PublicKeyCredentialRequestOptionsJSON (WebAuthn L3), "
            + "for PublicKeyCredential.parseRequestOptionsFromJSON(). " + HINTS,
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.OBJECT, name = "PublicKeyCredentialRequestOptionsJSON"),
                    examples = @ExampleObject(name = "username-first", value = ApiExamples.REQUEST_OPTIONS)))
    @APIResponse(responseCode = "400", description = "invalid_request, invalid_username",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "429", description = RATE_LIMITED, headers = @Header(name = "Retry-After",
            description = "Seconds until the budget's window ends", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    public Uni<ObjectNode> loginOptions(@Context HttpServerRequest http, LoginOptionsRequest body) {
        LoginOptionsRequest request = body == null ? LoginOptionsRequest.USERNAMELESS : body;
        return limited(http, request.username() == null ? null : limiter.perUsername(request.username()),
                client -> authentication.options(request));
    }

    @POST
    @Path("/login-verify")
    @Operation(summary = "Finish a login: the access token",
            description = "Updates the passkey's signature counter, backup state and lastUsedAt. " + ORIGINS)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = LoginVerifyRequest.class),
            examples = @ExampleObject(name = "assertion", value = ApiExamples.LOGIN_VERIFY_REQUEST)))
    @APIResponse(responseCode = "200", description = "The token response and the user",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SignedIn.Login.class),
                    examples = @ExampleObject(name = "login", value = ApiExamples.LOGIN_RESPONSE)))
    @APIResponse(responseCode = "400", description = "invalid_request: the body is not an AuthenticationResponseJSON",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "401", description = "challenge_expired, unknown_credential (with unknownCredentialId), "
            + "credential_not_allowed, user_handle_mismatch, user_handle_missing, client_data_type_mismatch, origin_mismatch, "
            + "rp_id_mismatch, user_not_present, counter_regression, signature_invalid, verification_failed",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "429", description = RATE_LIMITED, headers = @Header(name = "Retry-After",
            description = "Seconds until the budget's window ends", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    public Uni<SignedIn.Login> loginVerify(@Context HttpServerRequest http, LoginVerifyRequest body) {
        return limited(http, credentialBudget(body == null ? null : body.credential()),
                client -> authentication.verify(client, required(body)));
    }

    /** Spends the client IP's budget and the request's own (when it has one), then runs the ceremony step. */
    private <T> Uni<T> limited(HttpServerRequest http, Budget own, Function<Client, Uni<? extends T>> step) {
        Client client = Client.of(http);
        Budget ip = limiter.perIp(client.ip());
        return deadline.bound(limiter.spend(client, own == null ? List.of(ip) : List.of(ip, own))
                .chain(() -> step.apply(client)));
    }

    private Budget credentialBudget(JsonNode credential) {
        JsonNode id = credential == null ? null : credential.get("id");
        return id != null && id.isTextual() ? limiter.perCredential(id.asText()) : null;
    }

    private static <T> T required(T body) {
        if (body == null) {
            throw Problem.invalidRequest("The body must be a JSON object with a credential");
        }
        return body;
    }
}
