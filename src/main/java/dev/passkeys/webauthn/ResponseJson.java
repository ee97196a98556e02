package dev.passkeys.webauthn;

import java.io.IOException;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.yubico.internal.util.JacksonCodecs;
import com.yubico.webauthn.data.AuthenticatorAssertionResponse;
import com.yubico.webauthn.data.AuthenticatorAttestationResponse;
import com.yubico.webauthn.data.ClientAssertionExtensionOutputs;
import com.yubico.webauthn.data.ClientRegistrationExtensionOutputs;
import com.yubico.webauthn.data.PublicKeyCredential;

import dev.passkeys.api.Problem;

/**
 * Reads the browser's {@code RegistrationResponseJSON} / {@code AuthenticationResponseJSON} with Yubico's
 * own mapper, built once: its static parse methods build a new mapper on every call.
 */
final class ResponseJson {

    static final ObjectMapper YUBICO = JacksonCodecs.json();

    private static final ObjectReader REGISTRATION = YUBICO.readerFor(new TypeReference<
            PublicKeyCredential<AuthenticatorAttestationResponse, ClientRegistrationExtensionOutputs>>() {
    });
    private static final ObjectReader ASSERTION = YUBICO.readerFor(new TypeReference<
            PublicKeyCredential<AuthenticatorAssertionResponse, ClientAssertionExtensionOutputs>>() {
    });

    private ResponseJson() {
    }

    static PublicKeyCredential<AuthenticatorAttestationResponse, ClientRegistrationExtensionOutputs> registration(
            JsonNode credential) {
        return read(REGISTRATION, credential);
    }

    static PublicKeyCredential<AuthenticatorAssertionResponse, ClientAssertionExtensionOutputs> assertion(
            JsonNode credential) {
        return read(ASSERTION, credential);
    }

    /** Options as WebAuthn L3's {@code PublicKeyCredential*OptionsJSON}: what Yubico puts under {@code publicKey}. */
    static ObjectNode optionsJson(Object options) {
        return YUBICO.valueToTree(options);
    }

    /** A Yubico request as stored with its challenge (Yubico's own {@code toJson} builds a new mapper per call). */
    static String write(Object request) {
        try {
            return YUBICO.writeValueAsString(request);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("A Yubico request cannot be written as JSON", e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return YUBICO.readValue(json, type);
        } catch (IOException e) {
            throw new IllegalStateException("A stored Yubico request is not readable", e);
        }
    }

    private static <T> T read(ObjectReader reader, JsonNode credential) {
        if (credential == null || !credential.isObject()) {
            throw Problem.invalidRequest("credential must be the JSON object that PublicKeyCredential.toJSON() returns");
        }
        if (credential.hasNonNull("rawId") && !credential.get("rawId").equals(credential.get("id"))) {
            throw Problem.invalidRequest("credential.rawId must equal credential.id");
        }
        try {
            return reader.readValue(credential);
        } catch (IOException | IllegalArgumentException e) {
            throw Problem.invalidRequest("credential is not a valid WebAuthn response: " + firstLine(e));
        }
    }

    private static String firstLine(Exception e) {
        String message = e instanceof com.fasterxml.jackson.core.JsonProcessingException json
                ? json.getOriginalMessage()
                : e.getMessage();
        message = String.valueOf(message);
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
