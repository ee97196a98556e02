package dev.passkeys.webauthn;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;

import com.fasterxml.jackson.databind.JsonNode;

/** register-verify body. */
public record RegistrationVerifyRequest(
        @Schema(description = "RegistrationResponseJSON: what PublicKeyCredential.toJSON() returns after navigator.credentials.create()",
                required = true, type = SchemaType.OBJECT,
                properties = {
                        @SchemaProperty(name = "id", type = SchemaType.STRING),
                        @SchemaProperty(name = "rawId", type = SchemaType.STRING),
                        @SchemaProperty(name = "type", type = SchemaType.STRING),
                        @SchemaProperty(name = "response", type = SchemaType.OBJECT),
                        @SchemaProperty(name = "clientExtensionResults", type = SchemaType.OBJECT) })
        JsonNode credential,
        @Schema(description = "Optional passkey name, at most 64 characters; defaults to the provider's name when known",
                examples = "My laptop") String name) {
}
