package dev.passkeys.token;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.passkeys.api.ApiExamples;
import dev.passkeys.config.PasskeyConfig;

/** What downstream services need to verify tokens: the JWKS and the OpenID discovery document. */
@Path("/.well-known")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tokens", description = "Discovery and keys for services that verify the access tokens")
public class WellKnownResource {

    private static final String CACHE = "public, max-age=300";

    private final Map<String, Object> jwks;
    private final Map<String, Object> discovery;

    WellKnownResource(SigningKeys keys, PasskeyConfig config) {
        this.jwks = keys.jwks();
        String issuer = config.jwt().issuer();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuer);
        document.put("jwks_uri", issuer.replaceAll("/+$", "") + "/.well-known/jwks.json");
        document.put("subject_types_supported", List.of("public"));
        document.put("id_token_signing_alg_values_supported",
                keys.published().stream().map(PublishedKey::algorithm).distinct().toList());
        document.put("claims_supported", List.of("iss", "aud", "sub", "iat", "exp", "jti", "auth_time", "upn",
                "preferred_username", "groups", "amr"));
        this.discovery = java.util.Collections.unmodifiableMap(document);
    }

    @GET
    @Path("/jwks.json")
    @Operation(summary = "The public keys that sign access tokens (RFC 7517)")
    @APIResponse(responseCode = "200", description = "A JWK Set: the signing key and every retired key still published",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT),
                    examples = @ExampleObject(name = "jwks", value = ApiExamples.JWKS)))
    public Response jwks() {
        return Response.ok(jwks).header("Cache-Control", CACHE).build();
    }

    @GET
    @Path("/openid-configuration")
    @Operation(summary = "Discovery: the issuer and where its keys are")
    @APIResponse(responseCode = "200", description = "OpenID Connect Discovery metadata (the members a token verifier reads)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT),
                    examples = @ExampleObject(name = "discovery", value = ApiExamples.OPENID_CONFIGURATION)))
    public Response openIdConfiguration() {
        return Response.ok(discovery).header("Cache-Control", CACHE).build();
    }
}
