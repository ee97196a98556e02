package dev.passkeys.api;

import static dev.passkeys.testing.PasskeyApi.BASE;
import static dev.passkeys.testing.PasskeyApi.signUpOptions;
import static dev.passkeys.testing.PasskeyApi.uniqueUsername;
import static dev.passkeys.testing.Problems.assertProblem;
import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.passkeys.testing.SoftwareAuthenticator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** No request, however malformed, gets a 500: every one is a 4xx problem document. */
@QuarkusTest
class MalformedRequestTest {

    private static final List<String> CEREMONIES = List.of("/register-options", "/register-verify", "/login-options",
            "/login-verify");

    @Test
    void bodiesThatAreNotJsonObjects() {
        for (String path : CEREMONIES) {
            for (String body : List.of("{", "not json", "[]", "42", "\"text\"", "{\"username\": \"a\"} trailing")) {
                assertProblem(raw(path, body), 400, "invalid_request");
            }
        }
    }

    @Test
    void wrongTypes() {
        assertProblem(raw("/register-options", "{\"username\": 42}"), 400, "invalid_request");
        assertProblem(raw("/register-options", "{\"username\": true}"), 400, "invalid_request");
        assertProblem(raw("/register-options", "{\"username\": {\"a\": 1}}"), 400, "invalid_request");
        assertProblem(raw("/login-options", "{\"username\": 1.5}"), 400, "invalid_request");
        assertProblem(raw("/register-verify", "{\"credential\": \"abc\"}"), 400, "invalid_request");
        assertProblem(raw("/login-verify", "{\"credential\": [1, 2]}"), 400, "invalid_request");
        assertProblem(raw("/register-verify", "{\"credential\": {}, \"name\": 5}"), 400, "invalid_request");
    }

    @Test
    void missingFieldsAndEmptyBodies() {
        assertProblem(raw("/register-verify", "{}"), 400, "invalid_request");
        assertProblem(raw("/login-verify", "{}"), 400, "invalid_request");
        assertProblem(given().contentType(ContentType.JSON).post(BASE + "/register-verify"), 400, "invalid_request");
        assertProblem(given().contentType(ContentType.JSON).post(BASE + "/register-options"), 400, "invalid_username");
        given().contentType(ContentType.JSON).post(BASE + "/login-options").then().statusCode(200);
    }

    @Test
    void garbageInsideTheCredential() {
        ObjectNode created = new SoftwareAuthenticator().create(signUpOptions(uniqueUsername()));
        ObjectNode badBase64 = created.deepCopy();
        ((ObjectNode) badBase64.get("response")).put("attestationObject", "!!!not base64url!!!");
        assertProblem(verify("/register-verify", badBase64), 400, "invalid_request");

        ObjectNode truncated = created.deepCopy();
        String attestation = created.at("/response/attestationObject").asText();
        ((ObjectNode) truncated.get("response")).put("attestationObject", attestation.substring(0, attestation.length() / 2));
        assertProblem(verify("/register-verify", truncated), 400, "invalid_request");

        ObjectNode badClientData = created.deepCopy();
        ((ObjectNode) badClientData.get("response")).put("clientDataJSON", "e30");
        assertProblem(verify("/register-verify", badClientData), 400, "invalid_request");

        ObjectNode mismatchedIds = created.deepCopy();
        mismatchedIds.put("rawId", "AAAA");
        assertProblem(verify("/register-verify", mismatchedIds), 400, "invalid_request");

        ObjectNode noResponse = created.deepCopy();
        noResponse.remove("response");
        assertProblem(verify("/register-verify", noResponse), 400, "invalid_request");
        assertProblem(verify("/login-verify", noResponse), 400, "invalid_request");
    }

    @Test
    void oversizeAndDeeplyNestedBodies() {
        String huge = "{\"username\": \"" + "a".repeat(70_000) + "\"}";
        assertProblem(raw("/register-options", huge), 413, "payload_too_large");
        String deep = "{\"credential\": " + "[".repeat(500) + "]".repeat(500) + "}";
        assertProblem(raw("/login-verify", deep), 400, "invalid_request");
    }

    @Test
    void wrongMediaTypeAndMethod() {
        assertProblem(given().contentType(ContentType.TEXT).body("hello").post(BASE + "/login-options"), 415,
                "unsupported_media_type");
        assertProblem(given().get(BASE + "/login-options"), 405, "method_not_allowed");
        assertProblem(given().contentType(ContentType.JSON).body(Map.of()).put("/api/auth/me"), 405, "method_not_allowed");
    }

    private static Response raw(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).post(BASE + path);
    }

    private static Response verify(String path, ObjectNode credential) {
        return given().contentType(ContentType.JSON).body(Map.of("credential", credential)).post(BASE + path);
    }
}
