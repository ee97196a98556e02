package dev.passkeys.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** The contract's endpoints as a browser's JavaScript would call them, over HTTP with REST Assured. */
public final class PasskeyApi {

    public static final String BASE = "/api/auth/passkey";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PasskeyApi() {
    }

    /** An account signed up by a full ceremony, with the authenticator that holds its passkey. */
    public record Account(String username, String userId, String accessToken, String refreshToken, String passkeyId,
            SoftwareAuthenticator authenticator) {
    }

    public static String uniqueUsername() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    public static Response registerOptions(String token, Object body) {
        return post("/register-options", token, body);
    }

    public static ObjectNode signUpOptions(String username) {
        return json(registerOptions(null, Map.of("username", username)).then().statusCode(200).extract().response());
    }

    public static Response registerVerify(String token, JsonNode credential, String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("credential", credential);
        if (name != null) {
            body.put("name", name);
        }
        return post("/register-verify", token, body);
    }

    public static Account signUp(String username) {
        return signUp(username, new SoftwareAuthenticator());
    }

    public static Account signUp(String username, SoftwareAuthenticator authenticator) {
        ObjectNode created = authenticator.create(signUpOptions(username));
        Response response = registerVerify(null, created, null);
        assertEquals(201, response.statusCode(), response.asString());
        JsonNode body = json(response);
        return new Account(username, body.at("/user/id").asText(), body.get("access_token").asText(),
                body.get("refresh_token").asText(), body.at("/passkey/id").asText(), authenticator);
    }

    /** Adds a passkey from {@code authenticator} to the account; returns the verify response. */
    public static Response addPasskey(Account account, SoftwareAuthenticator authenticator, String name) {
        ObjectNode options = json(registerOptions(account.accessToken(), Map.of()).then().statusCode(200).extract().response());
        return registerVerify(account.accessToken(), authenticator.create(options), name);
    }

    public static ObjectNode loginOptions(String username) {
        Object body = username == null ? Map.of() : Map.of("username", username);
        return json(post("/login-options", null, body).then().statusCode(200).extract().response());
    }

    public static Response loginVerify(JsonNode credential) {
        return post("/login-verify", null, Map.of("credential", credential));
    }

    /** A full username-first login; returns the login-verify response. */
    public static Response login(Account account) {
        return loginVerify(account.authenticator().get(loginOptions(account.username())));
    }

    /** {@code POST /api/auth/token/refresh} with this refresh token. */
    public static Response refresh(String refreshToken) {
        return given().contentType(ContentType.JSON).body(Map.of("refresh_token", refreshToken))
                .post("/api/auth/token/refresh");
    }

    /** {@code POST /api/auth/logout} with this refresh token. */
    public static Response logout(String refreshToken) {
        return given().contentType(ContentType.JSON).body(Map.of("refresh_token", refreshToken))
                .post("/api/auth/logout");
    }

    public static Response logoutAll(String accessToken) {
        return authorized(accessToken).post("/api/auth/logout-all");
    }

    public static RequestSpecification authorized(String token) {
        RequestSpecification spec = given();
        return token == null ? spec : spec.header("Authorization", "Bearer " + token);
    }

    public static ObjectNode json(Response response) {
        try {
            return (ObjectNode) JSON.readTree(response.asString());
        } catch (JsonProcessingException e) {
            throw new AssertionError("Not JSON: " + response.asString(), e);
        }
    }

    private static Response post(String path, String token, Object body) {
        return authorized(token).contentType(ContentType.JSON).body(body).post(BASE + path);
    }
}
