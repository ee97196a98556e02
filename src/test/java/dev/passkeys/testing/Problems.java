package dev.passkeys.testing;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/** Assertions on RFC 9457 problem documents. */
public final class Problems {

    private Problems() {
    }

    /** Asserts a problem+json answer with this status and code; returns it for further checks. */
    public static ValidatableResponse assertProblem(Response response, int status, String code) {
        return response.then()
                .statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(status))
                .body("code", equalTo(code))
                .body("title", not(emptyOrNullString()))
                .body("detail", not(emptyOrNullString()))
                .body("type", not(emptyOrNullString()));
    }
}
