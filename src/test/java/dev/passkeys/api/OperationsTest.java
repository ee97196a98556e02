package dev.passkeys.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OperationsTest {

    @Test
    void healthChecksPostgresqlAndRedis() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(containsString("Reactive PostgreSQL"), containsString("Redis")));
    }

    @Test
    void metricsOpenApiAndSwaggerUiAreServed() {
        given().contentType("application/json").body("{}").post("/api/auth/passkey/login-options").then().statusCode(200);
        given().contentType("application/json").body("{\"refresh_token\": \"not-a-token\"}").post("/api/auth/token/refresh")
                .then().statusCode(401);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests"))
                .body(containsString("passkey_ceremonies_started_total{type=\"authentication\""))
                .body(containsString("passkey_token_refreshes_total{outcome=\"invalid_refresh_token\""));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/auth/passkey/register-options"));
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }

    @Test
    void corsAllowsExactlyTheConfiguredOrigins() {
        given().header("Origin", "http://localhost:8080")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,authorization")
                .options("/api/auth/passkey/login-options")
                .then().header("Access-Control-Allow-Origin", equalTo("http://localhost:8080"));
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .options("/api/auth/passkey/login-options")
                .then().header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "https://evil.example").contentType("application/json").body("{}")
                .post("/api/auth/passkey/login-options")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void unknownPathsAreProblemDocuments() {
        given().get("/api/auth/nothing-here").then().statusCode(404)
                .contentType(containsString("application/problem+json")).body("code", equalTo("not_found"));
    }
}
