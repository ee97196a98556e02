package dev.passkeys.admin;

import static dev.passkeys.testing.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.passkeys.testing.AdminApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Without PASSKEY_ADMIN_API_KEYS the admin API does not exist: every path and method is a 404, any key or none. */
@QuarkusTest
class UnconfiguredAdminTest {

    @Test
    void theWholeTreeIsA404() {
        assertProblem(given().get("/api/admin/users/" + UUID.randomUUID()), 404, "not_found");
        assertProblem(given().header("X-API-Key", AdminApi.KEY).get("/api/admin/users?externalId=x"), 404, "not_found");
        assertProblem(given().header("X-API-Key", AdminApi.KEY).contentType(ContentType.JSON)
                .body(Map.of("username", "a@example.com", "externalId", "a")).post("/api/admin/users"), 404, "not_found");
        assertProblem(given().delete("/api/admin/users/" + UUID.randomUUID()), 404, "not_found");
        assertProblem(given().post("/api/admin/users/" + UUID.randomUUID() + "/enrollment-tickets"), 404, "not_found");
        assertProblem(given().get("/api/admin"), 404, "not_found");
        assertProblem(given().get("/api/admin/anything/else"), 404, "not_found");
        Response preflight = given().header("Origin", "http://localhost:8080")
                .header("Access-Control-Request-Method", "POST").options("/api/admin/users");
        assertProblem(preflight, 404, "not_found");
        assertNull(preflight.header("Access-Control-Allow-Origin"));
    }

    @Test
    void anEnrollmentTicketIsRefusedWithoutTheAdminApiToo() {
        assertProblem(AdminApi.enrollmentOptions("A".repeat(43)), 401, "enrollment_ticket_invalid");
    }
}
