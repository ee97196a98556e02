package dev.passkeys.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** The admin API as the app's backend calls it, with an API key of {@link Keys}. */
public final class AdminApi {

    public static final String KEY = "test-admin-key-0123456789abcdef";
    public static final String OTHER_KEY = "second-admin-key-fedcba9876543210";

    /** A service with two admin API keys configured. */
    public static class Keys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("passkey.admin-api-keys", KEY + "," + OTHER_KEY);
        }
    }

    private AdminApi() {
    }

    public static RequestSpecification admin() {
        return given().header("X-API-Key", KEY);
    }

    public static String uniqueExternalId() {
        return "ext-" + UUID.randomUUID();
    }

    public static Response createUser(String username, String displayName, String externalId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        if (displayName != null) {
            body.put("displayName", displayName);
        }
        body.put("externalId", externalId);
        return admin().contentType(ContentType.JSON).body(body).post("/api/admin/users");
    }

    /** A new user of the admin API; returns its id. */
    public static String newUser(String username, String externalId) {
        Response response = createUser(username, null, externalId);
        assertEquals(201, response.statusCode(), response.asString());
        return response.jsonPath().getString("id");
    }

    public static Response ticketResponse(String userId) {
        return admin().post("/api/admin/users/" + userId + "/enrollment-tickets");
    }

    public static String ticket(String userId) {
        Response response = ticketResponse(userId);
        assertEquals(201, response.statusCode(), response.asString());
        return response.jsonPath().getString("ticket");
    }

    public static Response enrollmentOptions(String ticket) {
        return PasskeyApi.registerOptions(null, Map.of("enrollmentTicket", ticket));
    }

    /** The whole enrollment: options with the ticket, then register-verify; returns the verify response. */
    public static Response enroll(String ticket, SoftwareAuthenticator authenticator) {
        ObjectNode options = PasskeyApi.json(enrollmentOptions(ticket).then().statusCode(200).extract().response());
        return PasskeyApi.registerVerify(null, authenticator.create(options), null);
    }

    public static JsonNode user(String userId) {
        return PasskeyApi.json(admin().get("/api/admin/users/" + userId).then().statusCode(200).extract().response());
    }
}
