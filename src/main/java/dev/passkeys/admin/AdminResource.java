package dev.passkeys.admin;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestResponse;

import dev.passkeys.api.ApiExamples;
import dev.passkeys.api.Client;
import dev.passkeys.api.DependencyDeadline;
import dev.passkeys.api.ProblemDetails;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** The admin API over HTTP: each method hands its request to {@link AdminUsers}. */
@Path("/api/admin/users")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin", description = "For the app's own backend, with an API key (PASSKEY_ADMIN_API_KEYS): users without "
        + "a passkey yet, enrollment tickets, erasure. Without a configured key the whole tree answers 404; a request with "
        + "an Origin header (a browser) is refused with 403.")
@SecurityScheme(securitySchemeName = "apiKey", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
        apiKeyName = AdminApiKeys.HEADER, description = "One of PASSKEY_ADMIN_API_KEYS; server to server only")
@SecurityRequirement(name = "apiKey")
@APIResponse(responseCode = "401", description = "api_key_missing, api_key_invalid",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
@APIResponse(responseCode = "403", description = "browser_origin_refused: the request carries an Origin header",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
public class AdminResource {

    private final AdminUsers users;
    private final DependencyDeadline deadline;

    AdminResource(AdminUsers users, DependencyDeadline deadline) {
        this.users = users;
        this.deadline = deadline;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a user without a passkey, or find the one with this externalId",
            description = "Idempotent on externalId: the same externalId again answers 200 with the existing user. "
                    + "Access tokens of the user carry the externalId as the ext_id claim.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CreateUserRequest.class),
            examples = @ExampleObject(name = "create", value = ApiExamples.ADMIN_CREATE_USER)))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AdminUserView.class),
                    examples = @ExampleObject(name = "new user", value = ApiExamples.ADMIN_NEW_USER)))
    @APIResponse(responseCode = "200", description = "The user with this externalId already exists",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AdminUserView.class),
                    examples = @ExampleObject(name = "existing user", value = ApiExamples.ADMIN_USER)))
    @APIResponse(responseCode = "400", description = "invalid_request, invalid_username, invalid_display_name, invalid_external_id",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "409", description = "username_taken: another user has this username",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    public Uni<RestResponse<AdminUserView>> create(@Context HttpServerRequest http, CreateUserRequest body) {
        return deadline.bound(users.create(Client.of(http), body)).map(result -> result.created()
                ? RestResponse.status(RestResponse.Status.CREATED, result.user())
                : RestResponse.ok(result.user()));
    }

    @GET
    @Operation(summary = "Find a user by the app's own id")
    @APIResponse(responseCode = "200", description = "The user, their passkeys, and whether they can sign in",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AdminUserView.class),
                    examples = @ExampleObject(name = "user", value = ApiExamples.ADMIN_USER)))
    @APIResponse(responseCode = "400", description = "invalid_request (no externalId), invalid_external_id",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "404", description = "not_found: no user has this externalId",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    public Uni<AdminUserView> find(
            @Parameter(description = "The app's own id of the user", required = true) @QueryParam("externalId") String externalId) {
        return deadline.bound(users.findByExternalId(externalId));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A user, their passkeys, and whether they can sign in")
    @APIResponse(responseCode = "200", description = "The user",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AdminUserView.class),
                    examples = @ExampleObject(name = "user", value = ApiExamples.ADMIN_USER)))
    @APIResponse(responseCode = "404", description = "not_found: no such user",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    public Uni<AdminUserView> get(@PathParam("id") String id) {
        return deadline.bound(users.get(id));
    }

    @DELETE
    @Path("/{id}")
    @ResponseStatus(204)
    @Operation(summary = "Erase a user",
            description = "Deletes the user with every passkey, session, refresh token, recovery code, enrollment ticket "
                    + "and pending ceremony. Access tokens already issued to the user are refused (401) by every endpoint "
                    + "that reads the account; downstream services verifying them alone accept them until they expire.")
    @APIResponse(responseCode = "204", description = "Erased")
    @APIResponse(responseCode = "404", description = "not_found: no such user",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    public Uni<Void> delete(@Context HttpServerRequest http, @PathParam("id") String id) {
        return deadline.bound(users.delete(Client.of(http), id));
    }

    @POST
    @Path("/{id}/enrollment-tickets")
    @ResponseStatus(201)
    @Operation(summary = "A single-use ticket with which the user adds a passkey",
            description = "Hand the ticket to the user's browser: it calls register-options with {\"enrollmentTicket\"} "
                    + "instead of a bearer token; the register-verify of that ceremony uses up the ticket, adds the "
                    + "passkey and signs the user in. Valid for PASSKEY_ENROLLMENT_TTL; stored only as a hash.")
    @APIResponse(responseCode = "201", description = "The ticket, shown once",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EnrollmentTicketView.class),
                    examples = @ExampleObject(name = "ticket", value = ApiExamples.ENROLLMENT_TICKET)))
    @APIResponse(responseCode = "404", description = "not_found: no such user",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    public Uni<EnrollmentTicketView> ticket(@Context HttpServerRequest http, @PathParam("id") String id) {
        return deadline.bound(users.issueTicket(Client.of(http), id));
    }

    @POST
    @Path("/{id}/revoke-sessions")
    @ResponseStatus(204)
    @Operation(summary = "Sign the user out everywhere: revoke every session (as logout-all does)",
            description = "Idempotent. Access tokens already issued stay valid until they expire.")
    @APIResponse(responseCode = "204", description = "Every session of the user is revoked")
    @APIResponse(responseCode = "404", description = "not_found: no such user",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    public Uni<Void> revokeSessions(@Context HttpServerRequest http, @PathParam("id") String id) {
        return deadline.bound(users.revokeSessions(Client.of(http), id));
    }
}
