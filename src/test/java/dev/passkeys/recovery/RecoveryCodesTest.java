package dev.passkeys.recovery;

import static dev.passkeys.testing.PasskeyApi.addPasskey;
import static dev.passkeys.testing.PasskeyApi.authorized;
import static dev.passkeys.testing.PasskeyApi.json;
import static dev.passkeys.testing.PasskeyApi.login;
import static dev.passkeys.testing.PasskeyApi.signUp;
import static dev.passkeys.testing.PasskeyApi.uniqueUsername;
import static dev.passkeys.testing.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.passkeys.testing.AuditEvents;
import dev.passkeys.testing.Jwts;
import dev.passkeys.testing.PasskeyApi.Account;
import dev.passkeys.testing.Race;
import dev.passkeys.testing.SoftwareAuthenticator;
import dev.passkeys.testing.Tables;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Recovery codes: shown once, stored as hashes, single use, voided by new ones, and a token that only adds a passkey. */
@QuarkusTest
class RecoveryCodesTest {

    @Inject
    AgroalDataSource dataSource;

    private Tables tables;

    @BeforeEach
    void tables() {
        tables = new Tables(dataSource);
    }

    @Test
    void tenCodesShownOnceAndCounted() {
        Account account = signUp(uniqueUsername());
        authorized(account.accessToken()).get("/api/auth/recovery-codes").then().statusCode(200)
                .body("remaining", equalTo(0));
        List<String> codes = codes(account);
        assertEquals(10, codes.size());
        assertEquals(10, new HashSet<>(codes).size());
        codes.forEach(code -> assertTrue(code.matches("[0-9A-Z]{4}(-[0-9A-Z]{4}){3}"), code));
        assertEquals(0, tables.count("select count(*) from recovery_codes where code_hash = ?", codes.get(0)));
        assertEquals(10, tables.count("select count(*) from recovery_codes where user_id = ?::uuid", account.userId()));
        authorized(account.accessToken()).get("/api/auth/recovery-codes").then().statusCode(200)
                .body("remaining", equalTo(10)).body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("codes")));

        recover(account.username(), codes.get(3)).then().statusCode(200);
        authorized(account.accessToken()).get("/api/auth/recovery-codes").then().statusCode(200)
                .body("remaining", equalTo(9));
    }

    @Test
    void aCodeWorksOnceAndIsForgivingAboutItsSpelling() {
        Account account = signUp(uniqueUsername());
        List<String> codes = codes(account);
        String spelled = " " + codes.get(0).toLowerCase().replace("-", " ") + " ";
        recover(account.username().toUpperCase(), spelled).then().statusCode(200);
        assertProblem(recover(account.username(), codes.get(0)), 401, "recovery_failed");
        recover(account.username(), codes.get(1)).then().statusCode(200);
    }

    @Test
    void newCodesVoidTheOldOnes() {
        Account account = signUp(uniqueUsername());
        List<String> old = codes(account);
        List<String> fresh = codes(account);
        assertTrue(old.stream().noneMatch(fresh::contains));
        assertProblem(recover(account.username(), old.get(0)), 401, "recovery_failed");
        recover(account.username(), fresh.get(0)).then().statusCode(200);
        assertEquals(10, tables.count("select count(*) from recovery_codes where user_id = ?::uuid", account.userId()));
    }

    @Test
    void aWrongCodeAndAnUnknownUsernameLookAlike() {
        Account account = signUp(uniqueUsername());
        List<String> codes = codes(account);
        Response wrong = recover(account.username(), "AAAA-BBBB-CCCC-DDDD");
        Response unknown = recover(uniqueUsername(), codes.get(0));
        Response otherUsers = recover(signUp(uniqueUsername()).username(), codes.get(0));
        for (Response response : List.of(wrong, unknown, otherUsers)) {
            assertProblem(response, 401, "recovery_failed");
        }
        assertEquals(wrong.jsonPath().getMap("$"), unknown.jsonPath().getMap("$"));
        assertProblem(recover(account.username(), ""), 401, "recovery_failed");
        assertProblem(recover(null, codes.get(0)), 400, "invalid_username");
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("username", account.username()))
                .post("/api/auth/recovery"), 400, "invalid_request");
        assertProblem(given().contentType(ContentType.JSON).post("/api/auth/recovery"), 400, "invalid_request");
        assertProblem(given().contentType(ContentType.JSON).body("{\"username\": 1, \"code\": []}")
                .post("/api/auth/recovery"), 400, "invalid_request");
        // None of that used a code up.
        recover(account.username(), codes.get(0)).then().statusCode(200);
        // sign_up, recovery_codes_created, recovery_failed (wrong code), recovery_failed (empty code), recovery_used
        List<String> types = AuditEvents.types(AuditEvents.await(account.accessToken(), 5));
        assertTrue(types.contains("recovery_failed") && types.contains("recovery_used")
                && types.contains("recovery_codes_created"), types.toString());
    }

    @Test
    void theRecoveryTokenMayOnlyAddAPasskey() {
        Account account = signUp(uniqueUsername());
        String recovery = json(recover(account.username(), codes(account).get(0)).then().statusCode(200)
                .body("token_type", equalTo("Bearer"))
                .body("scope", equalTo("passkey:add"))
                .body("expires_in", equalTo(300))
                .extract().response()).get("access_token").asText();
        Map<String, Object> claims = Jwts.claims(recovery);
        assertEquals("passkey:add", claims.get("scope"));
        assertEquals(List.of("otp"), claims.get("amr"));
        assertEquals(account.userId(), claims.get("sub"));
        assertFalse(String.valueOf(claims.get("groups")).contains("user"));

        assertProblem(authorized(recovery).get("/api/auth/me"), 403, "insufficient_scope");
        assertProblem(authorized(recovery).get("/api/auth/passkeys/signals"), 403, "insufficient_scope");
        assertProblem(authorized(recovery).contentType(ContentType.JSON).body(Map.of("name", "x"))
                .patch("/api/auth/passkeys/" + account.passkeyId()), 403, "insufficient_scope");
        assertProblem(authorized(recovery).delete("/api/auth/passkeys/" + account.passkeyId()), 403, "insufficient_scope");
        assertProblem(authorized(recovery).get("/api/auth/events"), 403, "insufficient_scope");
        assertProblem(authorized(recovery).post("/api/auth/logout-all"), 403, "insufficient_scope");
        assertProblem(authorized(recovery).post("/api/auth/recovery-codes"), 403, "insufficient_scope");
        assertProblem(authorized(recovery).get("/api/auth/recovery-codes"), 403, "insufficient_scope");

        authorized(recovery).get("/api/auth/passkeys").then().statusCode(200).body("passkeys", hasSize(1));
        SoftwareAuthenticator replacement = new SoftwareAuthenticator();
        Account asRecovered = new Account(account.username(), account.userId(), recovery, null, null, replacement);
        addPasskey(asRecovered, replacement, "New phone").then().statusCode(201)
                .body("passkey.name", equalTo("New phone"));
        authorized(recovery).get("/api/auth/passkeys").then().statusCode(200).body("passkeys", hasSize(2));
        login(asRecovered).then().statusCode(200);
    }

    @Test
    void concurrentUsesOfOneCodeHaveOneWinner() throws Exception {
        Account account = signUp(uniqueUsername());
        String code = codes(account).get(0);
        int racers = 6;
        List<Callable<Response>> uses = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            uses.add(() -> recover(account.username(), code));
        }
        Race.exactlyOneWins(uses, 200, 401, "recovery_failed");
    }

    @Test
    void theCodeEndpointsNeedASignIn() {
        assertProblem(given().post("/api/auth/recovery-codes"), 401, "unauthorized");
        assertProblem(given().get("/api/auth/recovery-codes"), 401, "unauthorized");
        assertNull(null);
    }

    private static List<String> codes(Account account) {
        JsonNode body = json(authorized(account.accessToken()).post("/api/auth/recovery-codes").then().statusCode(201)
                .body("remaining", equalTo(10)).extract().response());
        List<String> codes = new ArrayList<>();
        body.get("codes").forEach(code -> codes.add(code.asText()));
        return codes;
    }

    static Response recover(String username, String code) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("username", username);
        body.put("code", code);
        return given().contentType(ContentType.JSON).body(body).post("/api/auth/recovery");
    }
}
