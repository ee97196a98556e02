package dev.passkeys.audit;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.passkeys.api.ApiExamples;
import dev.passkeys.api.DependencyDeadline;
import dev.passkeys.account.AccountService;
import dev.passkeys.api.Problem;
import dev.passkeys.token.TokenScopes;
import dev.passkeys.api.ProblemDetails;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** The signed-in user's own security events, newest first, a page at a time. */
@Path("/api/auth/events")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Account", description = "The signed-in user and their passkeys")
@SecurityRequirement(name = "bearer")
public class AuditResource {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private final AuditStore store;
    private final JsonWebToken token;
    private final DependencyDeadline deadline;

    AuditResource(AuditStore store, JsonWebToken token, DependencyDeadline deadline) {
        this.store = store;
        this.token = token;
        this.deadline = deadline;
    }

    @GET
    @Operation(summary = "The signed-in user's security events, newest first",
            description = "Sign-ups, logins (failed ones with their reason code), passkeys added, renamed and deleted, "
                    + "and counter regressions, with time, passkey, client IP and user agent. Kept for PASSKEY_AUDIT_RETENTION.")
    @APIResponse(responseCode = "200", description = "A page of events and the cursor of the next one",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuditEventPage.class),
                    examples = @ExampleObject(name = "events", value = ApiExamples.EVENTS_PAGE)))
    @APIResponse(responseCode = "400", description = "invalid_request: a malformed cursor or limit",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "401", description = "unauthorized (no token), invalid_token (expired, tampered, foreign)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "403", description = "insufficient_scope: a recovery token",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetails.class)))
    public Uni<AuditEventPage> events(
            @Parameter(description = "nextCursor of the previous page; omit for the newest events") @QueryParam("before") String before,
            @Parameter(description = "Events per page, 1 to " + MAX_LIMIT + " (default " + DEFAULT_LIMIT + ")")
            @QueryParam("limit") String limit) {
        TokenScopes.requireSignIn(token);
        int size = limit(limit);
        UUID userId = UUID.fromString(token.getSubject());
        Long cursor = cursor(before);
        return deadline.bound(store.userExists(userId).chain(exists -> {
            if (!exists) {
                throw AccountService.accountGone();
            }
            return store.page(userId, cursor, size + 1);
        })
                .map(events -> events.size() > size
                        ? new AuditEventPage(List.copyOf(events.subList(0, size)), events.get(size - 1).id())
                        : new AuditEventPage(events, null)));
    }

    private static Long cursor(String before) {
        if (before == null || before.isEmpty()) {
            return null;
        }
        try {
            long value = Long.parseLong(before);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw Problem.invalidRequest("before must be the nextCursor of a previous page");
    }

    private static int limit(String limit) {
        if (limit == null || limit.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw Problem.invalidRequest("limit must be a number from 1 to " + MAX_LIMIT);
    }
}
