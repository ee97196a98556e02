package dev.passkeys.webauthn;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.passkeys.api.Problem;
import dev.passkeys.token.BearerTokens;
import io.smallrye.mutiny.Uni;

/** The four ceremony endpoints; a missing body means {@code {}}. */
@Path("/api/auth/passkey")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Ceremonies", description = "Sign up, add a passkey, and log in with WebAuthn")
public class CeremonyResource {

    private final RegistrationCeremony registration;
    private final AuthenticationCeremony authentication;
    private final BearerTokens bearer;

    CeremonyResource(RegistrationCeremony registration, AuthenticationCeremony authentication, BearerTokens bearer) {
        this.registration = registration;
        this.authentication = authentication;
        this.bearer = bearer;
    }

    @POST
    @Path("/register-options")
    @Operation(summary = "Start a sign-up (no token) or add a passkey (bearer token)")
    public Uni<ObjectNode> registerOptions(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            RegistrationOptionsRequest body) {
        return registration.options(bearer.optional(authorization),
                body == null ? RegistrationOptionsRequest.EMPTY : body);
    }

    @POST
    @Path("/register-verify")
    @ResponseStatus(201)
    @Operation(summary = "Finish a sign-up (signs the new user in) or the addition of a passkey")
    public Uni<SignedIn.Registration> registerVerify(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            RegistrationVerifyRequest body) {
        return registration.verify(bearer.optional(authorization), required(body));
    }

    @POST
    @Path("/login-options")
    @Operation(summary = "Start a login: username-first with a username, usernameless without")
    public Uni<ObjectNode> loginOptions(LoginOptionsRequest body) {
        return authentication.options(body == null ? LoginOptionsRequest.USERNAMELESS : body);
    }

    @POST
    @Path("/login-verify")
    @Operation(summary = "Finish a login: the access token")
    public Uni<SignedIn.Login> loginVerify(LoginVerifyRequest body) {
        return authentication.verify(required(body));
    }

    private static <T> T required(T body) {
        if (body == null) {
            throw Problem.invalidRequest("The body must be a JSON object with a credential");
        }
        return body;
    }
}
