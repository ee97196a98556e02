package dev.passkeys.webauthn;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;

import com.fasterxml.jackson.databind.JsonNode;

/** login-verify body. */
public record LoginVerifyRequest(
        @Schema(description = "AuthenticationResponseJSON: what PublicKeyCredential.toJSON() returns after navigator.credentials.get()",
                required = true, type = SchemaType.OBJECT,
                properties = {
                        @SchemaProperty(name = "id", type = SchemaType.STRING),
                        @SchemaProperty(name = "rawId", type = SchemaType.STRING),
                        @SchemaProperty(name = "type", type = SchemaType.STRING),
                        @SchemaProperty(name = "response", type = SchemaType.OBJECT),
                        @SchemaProperty(name = "clientExtensionResults", type = SchemaType.OBJECT) })
        JsonNode credential) {
}
