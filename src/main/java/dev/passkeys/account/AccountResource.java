package dev.passkeys.account;

import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import dev.passkeys.api.ApiExamples;
import dev.passkeys.api.Client;
import dev.passkeys.api.DependencyDeadline;
import dev.passkeys.api.Problem;
import dev.passkeys.api.ProblemDetails;
import dev.passkeys.token.TokenScopes;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** The signed-in user (bearer token): who they are, and their passkeys. */
@Path("/api/auth")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Account", description = "The signed-in user and their passkeys")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "unauthorized (no token), invalid_token (expired, tampered, foreign)",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
@APIResponse(responseCode = "403", description = "insufficient_scope: a recovery token, which may only list and add "
        + "passkeys", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
public class AccountResource {

    private final AccountService accounts;
    private final JsonWebToken token;
    private final DependencyDeadline deadline;

    AccountResource(AccountService accounts, JsonWebToken token, DependencyDeadline deadline) {
        this.accounts = accounts;
        this.token = token;
        this.deadline = deadline;
    }

    @GET
    @Path("/me")
    @Operation(summary = "The signed-in user")
    @APIResponse(responseCode = "200", description = "The user",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserView.class),
                    examples = @ExampleObject(name = "user", value = ApiExamples.USER)))
    public Uni<UserView> me() {
        return deadline.bound(accounts.me(signedInId()));
    }

    @GET
    @Path("/passkeys")
    @Operation(summary = "The signed-in user's passkeys, oldest first")
    @APIResponse(responseCode = "200", description = "The passkeys",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PasskeyList.class),
                    examples = @ExampleObject(name = "passkeys", value = ApiExamples.PASSKEY_LIST)))
    public Uni<PasskeyList> passkeys() {
        return deadline.bound(accounts.passkeys(callerId()).map(PasskeyList::new));
    }

    @GET
    @Path("/passkeys/signals")
    @Operation(summary = "What the WebAuthn Signal API needs about the signed-in user",
            description = "Exactly the arguments of PublicKeyCredential.signalAllAcceptedCredentials({rpId, userId, "
                    + "allAcceptedCredentialIds}) and PublicKeyCredential.signalCurrentUserDetails({rpId, userId, name, "
                    + "displayName}). Call them after a sign-in, a rename or a deletion, so that the user's password "
                    + "manager forgets deleted passkeys and shows current names. userId is the WebAuthn user handle.")
    @APIResponse(responseCode = "200", description = "The Signal API's arguments",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PasskeySignals.class),
                    examples = @ExampleObject(name = "signals", value = ApiExamples.PASSKEY_SIGNALS)))
    public Uni<PasskeySignals> signals() {
        return accounts.signals(signedInId());
    }

    @PATCH
    @Path("/passkeys/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rename a passkey")
    @APIResponse(responseCode = "200", description = "The renamed passkey",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PasskeyView.class),
                    examples = @ExampleObject(name = "renamed", value = ApiExamples.RENAMED_PASSKEY)))
    @APIResponse(responseCode = "400", description = "invalid_request, invalid_name",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "404", description = "not_found: no such passkey, or not the caller's",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    public Uni<PasskeyView> rename(@Context HttpServerRequest http, @PathParam("id") String id,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RenamePasskeyRequest.class),
                    examples = @ExampleObject(name = "rename", value = ApiExamples.RENAME_REQUEST)))
            RenamePasskeyRequest body) {
        if (body == null) {
            throw Problem.invalidRequest("The body must be a JSON object with a name");
        }
        return deadline.bound(accounts.rename(Client.of(http), signedInId(), id, body.name()));
    }

    @DELETE
    @Path("/passkeys/{id}")
    @ResponseStatus(204)
    @Operation(summary = "Delete a passkey (never the account's last one)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "last_passkey: add another passkey first",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "404", description = "not_found: no such passkey, or not the caller's",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    public Uni<Void> delete(@Context HttpServerRequest http, @PathParam("id") String id) {
        return deadline.bound(accounts.delete(Client.of(http), signedInId(), id));
    }

    /** The caller of an endpoint a recovery token may not use (403 insufficient_scope). */
    private UUID signedInId() {
        TokenScopes.requireSignIn(token);
        return callerId();
    }

    private UUID callerId() {
        return UUID.fromString(token.getSubject());
    }
}
