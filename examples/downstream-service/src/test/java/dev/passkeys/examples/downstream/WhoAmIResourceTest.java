package dev.passkeys.examples.downstream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Driven by the passkey service's own test suite (DownstreamExampleTest), which runs this build against its
 * running service: PASSKEY_JWKS_URL names its JWKS, the DOWNSTREAM_* variables carry tokens it issued.
 */
@QuarkusTest
@EnabledIfEnvironmentVariable(named = "DOWNSTREAM_VALID_TOKEN", matches = ".+")
class WhoAmIResourceTest {

    @Test
    void aTokenOfThePasskeyServiceIsAccepted() {
        given().auth().oauth2(System.getenv("DOWNSTREAM_VALID_TOKEN")).get("/whoami").then().statusCode(200)
                .body("id", equalTo(System.getenv("DOWNSTREAM_EXPECTED_SUBJECT")));
    }

    @Test
    void noTokenIsRefused() {
        given().get("/whoami").then().statusCode(401);
    }

    @Test
    void expiredForeignAndTamperedTokensAreRefused() {
        for (String variable : new String[] { "DOWNSTREAM_EXPIRED_TOKEN", "DOWNSTREAM_FOREIGN_TOKEN",
                "DOWNSTREAM_TAMPERED_TOKEN", "DOWNSTREAM_OTHER_AUDIENCE_TOKEN" }) {
            given().auth().oauth2(System.getenv(variable)).get("/whoami").then().statusCode(401);
        }
    }

    @Test
    void aValidTokenWithoutTheUserRoleIsForbidden() {
        given().auth().oauth2(System.getenv("DOWNSTREAM_NO_ROLE_TOKEN")).get("/whoami").then().statusCode(403);
    }
}
