package dev.passkeys.session;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
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
import dev.passkeys.api.Problem;
import dev.passkeys.api.ProblemDocument;
import dev.passkeys.ratelimit.RateLimiter;
import dev.passkeys.token.TokenResponse;
import dev.passkeys.token.TokenScopes;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** Refreshing a session's tokens and signing out. */
@Path("/api/auth")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sessions", description = "Refresh tokens: new access tokens without a new ceremony, and sign-out")
public class SessionResource {

    private final Sessions sessions;
    private final JsonWebToken token;
    private final RateLimiter limiter;
    private final DependencyDeadline deadline;

    SessionResource(Sessions sessions, JsonWebToken token, RateLimiter limiter, DependencyDeadline deadline) {
        this.sessions = sessions;
        this.token = token;
        this.limiter = limiter;
        this.deadline = deadline;
    }

    @POST
    @Path("/token/refresh")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "A new access token and a new refresh token; the presented refresh token stops working",
            description = "Presenting a refresh token that was already used revokes its whole session (401 "
                    + "refresh_token_reused): clients must not send two refreshes of one token.")
    @APIResponse(responseCode = "200", description = "The new tokens",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenResponse.class),
                    examples = @ExampleObject(name = "tokens", value = ApiExamples.TOKEN_RESPONSE)))
    @APIResponse(responseCode = "400", description = "invalid_request: no refresh_token string in the body",
            content = @Content(mediaType = ProblemDocument.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "invalid_refresh_token (unknown, expired, signed out, passkey "
            + "deleted) or refresh_token_reused (the session is now revoked)",
            content = @Content(mediaType = ProblemDocument.MEDIA_TYPE))
    @APIResponse(responseCode = "429", description = "rate_limited: too many refreshes from this client IP "
            + "(PASSKEY_RATE_LIMIT_REFRESH_PER_IP per window); Retry-After tells when to try again",
            headers = @Header(name = "Retry-After", description = "Seconds until the budget's window ends",
                    schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = ProblemDocument.MEDIA_TYPE))
    public Uni<TokenResponse> refresh(@Context HttpServerRequest http,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RefreshRequest.class),
                    examples = @ExampleObject(name = "refresh", value = ApiExamples.REFRESH_REQUEST))) RefreshRequest body) {
        Client client = Client.of(http);
        return deadline.bound(limiter.spend(client, List.of(limiter.refreshPerIp(client.ip())))
                .chain(() -> sessions.refresh(required(body).refreshToken())));
    }

    @POST
    @Path("/logout")
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(204)
    @Operation(summary = "Sign out: revoke the session of this refresh token",
            description = "Idempotent: an unknown, expired or already revoked token also gets 204. Access tokens "
                    + "already issued stay valid until they expire.")
    @APIResponse(responseCode = "204", description = "The session is revoked")
    @APIResponse(responseCode = "400", description = "invalid_request: no refresh_token string in the body",
            content = @Content(mediaType = ProblemDocument.MEDIA_TYPE))
    public Uni<Void> logout(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RefreshRequest.class),
            examples = @ExampleObject(name = "logout", value = ApiExamples.REFRESH_REQUEST))) RefreshRequest body) {
        return sessions.signOut(required(body).refreshToken());
    }

    @POST
    @Path("/logout-all")
    @Authenticated
    @ResponseStatus(204)
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Sign out everywhere: revoke every session of the caller",
            description = "Idempotent. Access tokens already issued stay valid until they expire.")
    @APIResponse(responseCode = "204", description = "Every session of the caller is revoked")
    @APIResponse(responseCode = "401", description = "invalid_token or unauthorized: no valid bearer token, or its "
            + "account was deleted", content = @Content(mediaType = ProblemDocument.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "insufficient_scope: a recovery token",
            content = @Content(mediaType = ProblemDocument.MEDIA_TYPE))
    public Uni<Void> logoutAll() {
        TokenScopes.requireSignIn(token);
        return sessions.signOutEverywhere(UUID.fromString(token.getSubject()));
    }

    private static RefreshRequest required(RefreshRequest body) {
        if (body == null) {
            throw Problem.invalidRequest("The body must be a JSON object with a refresh_token");
        }
        return body;
    }
}
