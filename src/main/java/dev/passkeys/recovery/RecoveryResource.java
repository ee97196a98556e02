package dev.passkeys.recovery;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
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

import dev.passkeys.api.ApiExamples;
import dev.passkeys.api.Client;
import dev.passkeys.api.DependencyDeadline;
import dev.passkeys.api.ProblemDetails;
import dev.passkeys.ratelimit.Budget;
import dev.passkeys.ratelimit.RateLimiter;
import dev.passkeys.token.TokenScopes;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** Recovery codes over HTTP: creating and counting them (signed in), and using one (anonymous, rate-limited). */
@Path("/api/auth")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Recovery", description = "One-time recovery codes: a way back to adding a passkey when every passkey is lost")
public class RecoveryResource {

    private final RecoveryCodes codes;
    private final JsonWebToken token;
    private final DependencyDeadline deadline;
    private final RateLimiter limiter;

    RecoveryResource(RecoveryCodes codes, JsonWebToken token, DependencyDeadline deadline, RateLimiter limiter) {
        this.codes = codes;
        this.token = token;
        this.deadline = deadline;
        this.limiter = limiter;
    }

    @POST
    @Path("/recovery-codes")
    @Authenticated
    @ResponseStatus(201)
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Ten new one-time recovery codes; the older codes stop working",
            description = "The codes are shown in this answer only: the service keeps their hashes.")
    @APIResponse(responseCode = "201", description = "The new codes",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RecoveryCodesView.class),
                    examples = @ExampleObject(name = "codes", value = ApiExamples.RECOVERY_CODES)))
    @APIResponse(responseCode = "401", description = "unauthorized, invalid_token (also: the account was deleted)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "403", description = "insufficient_scope: a recovery token",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    public Uni<RecoveryCodesView> create(@Context HttpServerRequest http) {
        TokenScopes.requireSignIn(token);
        return deadline.bound(codes.create(Client.of(http), UUID.fromString(token.getSubject())));
    }

    @GET
    @Path("/recovery-codes")
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "How many unused recovery codes the signed-in user has left (never the codes)")
    @APIResponse(responseCode = "200", description = "The count",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RecoveryCodesView.class),
                    examples = @ExampleObject(name = "count", value = "{\"remaining\": 9}")))
    @APIResponse(responseCode = "401", description = "unauthorized, invalid_token (also: the account was deleted)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "403", description = "insufficient_scope: a recovery token",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    public Uni<RecoveryCodesView> remaining() {
        TokenScopes.requireSignIn(token);
        return deadline.bound(codes.remaining(UUID.fromString(token.getSubject())));
    }

    @POST
    @Path("/recovery")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Use a recovery code: a short-lived token that may only add a passkey",
            description = "The token (scope passkey:add, amr [\"otp\"], PASSKEY_RECOVERY_TOKEN_TTL) works as the bearer "
                    + "of register-options and register-verify, and of GET /api/auth/passkeys; every other endpoint "
                    + "answers 403 insufficient_scope. The code is used up. Rate-limited like login; an unknown username "
                    + "and a wrong code get the same 401.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RecoveryRequest.class),
            examples = @ExampleObject(name = "recovery", value = ApiExamples.RECOVERY_REQUEST)))
    @APIResponse(responseCode = "200", description = "The recovery token",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RecoveryToken.class),
                    examples = @ExampleObject(name = "token", value = ApiExamples.RECOVERY_RESPONSE)))
    @APIResponse(responseCode = "400", description = "invalid_request, invalid_username",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "401", description = "recovery_failed: the username or the code is wrong, or the code "
            + "was used", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "429", description = "rate_limited: too many requests from this client IP or for this "
            + "username; Retry-After tells when to try again", headers = @Header(name = "Retry-After",
            description = "Seconds until the budget's window ends", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    public Uni<RecoveryToken> recover(@Context HttpServerRequest http, RecoveryRequest body) {
        Client client = Client.of(http);
        Budget ip = limiter.perIp(client.ip());
        List<Budget> budgets = body == null || body.username() == null ? List.of(ip)
                : List.of(ip, limiter.perUsername(body.username()));
        return deadline.bound(limiter.spend(client, budgets).chain(() -> codes.recover(client, body)));
    }
}
