package dev.passkeys.admin;

import static dev.passkeys.testing.AdminApi.admin;
import static dev.passkeys.testing.AdminApi.createUser;
import static dev.passkeys.testing.AdminApi.enroll;
import static dev.passkeys.testing.AdminApi.newUser;
import static dev.passkeys.testing.AdminApi.ticket;
import static dev.passkeys.testing.AdminApi.uniqueExternalId;
import static dev.passkeys.testing.PasskeyApi.authorized;
import static dev.passkeys.testing.PasskeyApi.json;
import static dev.passkeys.testing.PasskeyApi.login;
import static dev.passkeys.testing.PasskeyApi.refresh;
import static dev.passkeys.testing.PasskeyApi.registerOptions;
import static dev.passkeys.testing.PasskeyApi.registerVerify;
import static dev.passkeys.testing.PasskeyApi.signUp;
import static dev.passkeys.testing.PasskeyApi.uniqueUsername;
import static dev.passkeys.testing.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.passkeys.testing.AdminApi;
import dev.passkeys.testing.AuditEvents;
import dev.passkeys.testing.Jwts;
import dev.passkeys.testing.PasskeyApi;
import dev.passkeys.testing.PasskeyApi.Account;
import dev.passkeys.testing.SoftwareAuthenticator;
import dev.passkeys.testing.Tables;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** The admin API's users: keys, idempotent creation, lookups, erasure and revocation, against the real stores. */
@QuarkusTest
@TestProfile(AdminApi.Keys.class)
class AdminUsersTest {

    @Inject
    AgroalDataSource dataSource;

    private Tables tables;

    @BeforeEach
    void tables() {
        tables = new Tables(dataSource);
    }

    @Test
    void creatingAUserIsIdempotentOnItsExternalId() {
        String username = uniqueUsername();
        String externalId = uniqueExternalId();
        JsonNode created = json(createUser(username, "Alice", externalId).then().statusCode(201)
                .body("username", equalTo(username))
                .body("displayName", equalTo("Alice"))
                .body("externalId", equalTo(externalId))
                .body("canSignIn", equalTo(false))
                .body("passkeys", hasSize(0))
                .extract().response());
        String id = created.get("id").asText();

        createUser(username, "Alice", externalId).then().statusCode(200).body("id", equalTo(id));
        createUser(uniqueUsername(), "Someone else", externalId).then().statusCode(200)
                .body("id", equalTo(id)).body("username", equalTo(username));
        assertEquals(1, tables.count("select count(*) from users where external_id = ?", externalId));

        admin().get("/api/admin/users/" + id).then().statusCode(200).body("externalId", equalTo(externalId));
        admin().queryParam("externalId", externalId).get("/api/admin/users").then().statusCode(200)
                .body("id", equalTo(id));
        assertEquals(List.of("admin_user_created"), awaitAudit(id, "admin_user_created"));
    }

    @Test
    void concurrentCreationsOfOneExternalIdMakeOneUser() throws Exception {
        String username = uniqueUsername();
        String externalId = uniqueExternalId();
        int racers = 4;
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(racers);
        try {
            List<java.util.concurrent.Future<Response>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < racers; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return createUser(username, null, externalId);
                }));
            }
            start.countDown();
            java.util.Set<String> ids = new java.util.HashSet<>();
            int created = 0;
            for (var answer : answers) {
                Response response = answer.get();
                assertTrue(response.statusCode() == 201 || response.statusCode() == 200, response.asString());
                created += response.statusCode() == 201 ? 1 : 0;
                ids.add(response.jsonPath().getString("id"));
            }
            assertEquals(1, created);
            assertEquals(1, ids.size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aUsernameOfAnotherUserIsTaken() {
        Account someone = signUp(uniqueUsername());
        assertProblem(createUser(someone.username().toUpperCase(), null, uniqueExternalId()), 409, "username_taken");
        String username = uniqueUsername();
        newUser(username, uniqueExternalId());
        assertProblem(createUser(username, null, uniqueExternalId()), 409, "username_taken");
        assertProblem(signUpOptions(username), 409, "username_taken");
    }

    @Test
    void badInputIsA400() {
        assertProblem(createUser(uniqueUsername(), null, null), 400, "invalid_external_id");
        assertProblem(createUser(uniqueUsername(), null, " "), 400, "invalid_external_id");
        assertProblem(createUser(uniqueUsername(), null, "x".repeat(256)), 400, "invalid_external_id");
        assertProblem(createUser(uniqueUsername(), null, "a\u0000b"), 400, "invalid_external_id");
        assertProblem(createUser(null, null, uniqueExternalId()), 400, "invalid_username");
        assertProblem(createUser("x".repeat(65), null, uniqueExternalId()), 400, "invalid_username");
        assertProblem(admin().contentType(ContentType.JSON).body("[1]").post("/api/admin/users"), 400, "invalid_request");
        assertProblem(admin().contentType(ContentType.JSON).post("/api/admin/users"), 400, "invalid_request");
        assertProblem(admin().get("/api/admin/users"), 400, "invalid_request");
        assertProblem(admin().queryParam("externalId", uniqueExternalId()).get("/api/admin/users"), 404, "not_found");
        assertProblem(admin().get("/api/admin/users/not-a-uuid"), 404, "not_found");
        assertProblem(admin().get("/api/admin/users/" + UUID.randomUUID()), 404, "not_found");
        assertProblem(admin().delete("/api/admin/users/" + UUID.randomUUID()), 404, "not_found");
        assertProblem(admin().post("/api/admin/users/" + UUID.randomUUID() + "/enrollment-tickets"), 404, "not_found");
        assertProblem(admin().post("/api/admin/users/" + UUID.randomUUID() + "/revoke-sessions"), 404, "not_found");
    }

    @Test
    void aMissingOrWrongKeyIsA401() {
        String id = newUser(uniqueUsername(), uniqueExternalId());
        assertProblem(given().get("/api/admin/users/" + id), 401, "api_key_missing");
        assertProblem(given().header("X-API-Key", "").get("/api/admin/users/" + id), 401, "api_key_missing");
        assertProblem(given().header("X-API-Key", AdminApi.KEY + "x").get("/api/admin/users/" + id), 401, "api_key_invalid");
        assertProblem(given().header("X-API-Key", AdminApi.KEY.substring(1)).get("/api/admin/users/" + id), 401,
                "api_key_invalid");
        assertProblem(given().header("X-API-Key", AdminApi.KEY).header("Authorization", "Bearer x")
                .get("/api/admin/users/" + UUID.randomUUID()), 404, "not_found");
        given().header("X-API-Key", AdminApi.OTHER_KEY).get("/api/admin/users/" + id).then().statusCode(200);
        // An access token is no key.
        Account someone = signUp(uniqueUsername());
        assertProblem(authorized(someone.accessToken()).get("/api/admin/users/" + id), 401, "api_key_missing");
    }

    @Test
    void aBrowserIsNeverAnswered() {
        String id = newUser(uniqueUsername(), uniqueExternalId());
        Response fromPage = admin().header("Origin", "http://localhost:8080").get("/api/admin/users/" + id);
        assertProblem(fromPage, 403, "browser_origin_refused");
        assertNull(fromPage.header("Access-Control-Allow-Origin"));

        Response preflight = given().header("Origin", "http://localhost:8080")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "X-API-Key,Content-Type")
                .options("/api/admin/users");
        assertEquals(403, preflight.statusCode());
        assertNull(preflight.header("Access-Control-Allow-Origin"));
        assertNull(preflight.header("Access-Control-Allow-Headers"));

        // The rest of the API keeps its CORS.
        Response ceremony = given().header("Origin", "http://localhost:8080")
                .header("Access-Control-Request-Method", "POST").options("/api/auth/passkey/login-options");
        assertEquals("http://localhost:8080", ceremony.header("Access-Control-Allow-Origin"));
    }

    @Test
    void aTokenOfAnEnrolledUserCarriesTheExternalId() {
        String externalId = uniqueExternalId();
        String id = newUser(uniqueUsername(), externalId);
        JsonNode enrolled = json(enroll(ticket(id), new SoftwareAuthenticator()).then().statusCode(201).extract().response());
        Map<String, Object> claims = Jwts.claims(enrolled.get("access_token").asText());
        assertEquals(externalId, claims.get("ext_id"));
        assertEquals(id, claims.get("sub"));
        Map<String, Object> refreshed = Jwts.claims(refresh(enrolled.get("refresh_token").asText()).then().statusCode(200)
                .extract().jsonPath().getString("access_token"));
        assertEquals(externalId, refreshed.get("ext_id"));

        Account selfMade = signUp(uniqueUsername());
        assertFalse(Jwts.claims(selfMade.accessToken()).containsKey("ext_id"));
    }

    @Test
    void theUserShowsPasskeysAndWhetherTheyCanSignIn() {
        String id = newUser(uniqueUsername(), uniqueExternalId());
        JsonNode before = AdminApi.user(id);
        assertFalse(before.get("canSignIn").asBoolean());
        JsonNode enrolled = json(enroll(ticket(id), new SoftwareAuthenticator()).then().statusCode(201).extract().response());
        JsonNode after = AdminApi.user(id);
        assertTrue(after.get("canSignIn").asBoolean());
        assertEquals(1, after.get("passkeys").size());
        assertEquals(enrolled.at("/passkey/id").asText(), after.at("/passkeys/0/id").asText());
    }

    @Test
    void anAdminUserWithoutPasskeyLooksUnknownAtLogin() {
        String username = uniqueUsername();
        newUser(username, uniqueExternalId());
        JsonNode decoys = PasskeyApi.loginOptions(username).get("allowCredentials");
        assertTrue(decoys.size() >= 1 && decoys.size() <= 3, "decoys, as for an unknown username: " + decoys);
        assertEquals(decoys, PasskeyApi.loginOptions(username).get("allowCredentials"), "the same ones every time");
    }

    @Test
    void revokingSessionsEndsEveryRefreshToken() {
        Account account = signUp(uniqueUsername());
        String second = json(login(account).then().statusCode(200).extract().response()).get("refresh_token").asText();
        admin().post("/api/admin/users/" + account.userId() + "/revoke-sessions").then().statusCode(204);
        assertProblem(refresh(account.refreshToken()), 401, "invalid_refresh_token");
        assertProblem(refresh(second), 401, "invalid_refresh_token");
        admin().post("/api/admin/users/" + account.userId() + "/revoke-sessions").then().statusCode(204);
        assertTrue(AuditEvents.types(AuditEvents.await(account.accessToken(), 3)).contains("sessions_revoked"));
    }

    @Test
    void deletingAUserLeavesNothingBehind() {
        Account account = signUp(uniqueUsername());
        String id = account.userId();
        authorized(account.accessToken()).post("/api/auth/recovery-codes").then().statusCode(201);
        ticket(id);
        login(account).then().statusCode(200);
        // A ceremony left pending: adding a passkey, started before the deletion.
        ObjectNode pending = json(registerOptions(account.accessToken(), Map.of()).then().statusCode(200).extract().response());
        assertTrue(count("passkeys", id) > 0 && count("session_families", id) > 0 && count("recovery_codes", id) > 0
                && count("enrollment_tickets", id) > 0);

        admin().delete("/api/admin/users/" + id).then().statusCode(204);

        assertEquals(0, tables.count("select count(*) from users where id = ?::uuid", id));
        for (String table : List.of("passkeys", "session_families", "recovery_codes", "enrollment_tickets")) {
            assertEquals(0, count(table, id), table);
        }
        assertEquals(0, tables.count("select count(*) from refresh_tokens where token_hash = ?",
                sha256(account.refreshToken())));
        assertProblem(refresh(account.refreshToken()), 401, "invalid_refresh_token");
        assertProblem(registerVerify(account.accessToken(), new SoftwareAuthenticator().create(pending), null), 400,
                "challenge_expired");

        // The access token outlives the account: every endpoint that reads the account refuses it.
        String token = account.accessToken();
        assertProblem(authorized(token).get("/api/auth/me"), 401, "invalid_token");
        assertProblem(authorized(token).get("/api/auth/passkeys"), 401, "invalid_token");
        assertProblem(authorized(token).get("/api/auth/passkeys/signals"), 401, "invalid_token");
        assertProblem(authorized(token).contentType(ContentType.JSON).body(Map.of("name", "x"))
                .patch("/api/auth/passkeys/" + account.passkeyId()), 401, "invalid_token");
        assertProblem(authorized(token).delete("/api/auth/passkeys/" + account.passkeyId()), 401, "invalid_token");
        assertProblem(authorized(token).get("/api/auth/events"), 401, "invalid_token");
        assertProblem(authorized(token).post("/api/auth/logout-all"), 401, "invalid_token");
        assertProblem(authorized(token).get("/api/auth/recovery-codes"), 401, "invalid_token");
        assertProblem(authorized(token).post("/api/auth/recovery-codes"), 401, "invalid_token");
        assertProblem(registerOptions(token, Map.of()), 401, "invalid_token");
        assertProblem(admin().get("/api/admin/users/" + id), 404, "not_found");
        assertProblem(admin().delete("/api/admin/users/" + id), 404, "not_found");
        assertTrue(awaitAudit(id, "admin_user_deleted").contains("admin_user_deleted"));
    }

    private long count(String table, String userId) {
        return tables.count("select count(*) from " + table + " where user_id = ?::uuid", userId);
    }

    static String sha256(String token) {
        try {
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(java.security.MessageDigest
                    .getInstance("SHA-256").digest(token.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** The user's audit event types, oldest first, once {@code expected} is among them (or after 15 s). */
    private List<String> awaitAudit(String userId, String expected) {
        long deadline = System.currentTimeMillis() + 15_000;
        while (true) {
            List<String> types = new java.util.ArrayList<>();
            try (var connection = dataSource.getConnection();
                    var statement = connection.prepareStatement("select type from audit_events where user_id = ?::uuid order by id")) {
                statement.setString(1, userId);
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) {
                        types.add(rows.getString(1));
                    }
                }
            } catch (java.sql.SQLException e) {
                throw new AssertionError(e);
            }
            if (types.contains(expected) || System.currentTimeMillis() > deadline) {
                return types;
            }
            dev.passkeys.testing.PrivateRedis.sleep(java.time.Duration.ofMillis(100));
        }
    }

    private static Response signUpOptions(String username) {
        return registerOptions(null, Map.of("username", username));
    }
}
