package dev.passkeys.examples.downstream;

import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;

/** A resource of a downstream service, for users signed in with a passkey (the token's {@code groups}). */
@Path("/whoami")
public class WhoAmIResource {

    @Inject
    JsonWebToken token;

    @GET
    @RolesAllowed("user")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> whoAmI() {
        return Map.of("id", token.getSubject(), "username", token.getName(), "amr", token.getClaim("amr"));
    }
}
