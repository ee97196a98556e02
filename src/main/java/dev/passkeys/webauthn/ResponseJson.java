package dev.passkeys.webauthn;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
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
 * Reads the browser's {@code RegistrationResponseJSON} / {@code AuthenticationResponseJSON}, and writes and
 * reads the options, with Yubico's own mapper, built once: its static parse methods and its options'
 * {@code toJson()}, {@code fromJson()} and {@code toCredentials*Json()} build a new mapper on every call,
 * which costs milliseconds of CPU per call (bench/'s ServicePathBenchmark).
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

    /**
     * WebAuthn L3's options JSON: what Yubico's {@code toCredentialsGetJson()} / {@code toCredentialsCreateJson()}
     * hold as {@code publicKey} ({@code valueToTree} of the options), without a new mapper per call.
     */
    static ObjectNode optionsJson(Object publicKeyOptions) {
        return YUBICO.valueToTree(publicKeyOptions);
    }

    /** What Yubico's {@code toJson()} writes, to keep a request between the two steps of a ceremony. */
    static String storedJson(Object request) throws JsonProcessingException {
        return YUBICO.writeValueAsString(request);
    }

    /** What Yubico's {@code fromJson()} reads back. */
    static <T> T fromStoredJson(String json, Class<T> type) throws JsonProcessingException {
        return YUBICO.readValue(json, type);
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
