package dev.passkeys.session;

import static dev.passkeys.testing.PasskeyApi.addPasskey;
import static dev.passkeys.testing.PasskeyApi.authorized;
import static dev.passkeys.testing.PasskeyApi.json;
import static dev.passkeys.testing.PasskeyApi.login;
import static dev.passkeys.testing.PasskeyApi.loginOptions;
import static dev.passkeys.testing.PasskeyApi.loginVerify;
import static dev.passkeys.testing.PasskeyApi.logout;
import static dev.passkeys.testing.PasskeyApi.logoutAll;
import static dev.passkeys.testing.PasskeyApi.refresh;
import static dev.passkeys.testing.PasskeyApi.signUp;
import static dev.passkeys.testing.PasskeyApi.uniqueUsername;
import static dev.passkeys.testing.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.passkeys.config.PasskeyConfig;
import dev.passkeys.testing.CeremonyOptions;
import dev.passkeys.testing.Jwts;
import dev.passkeys.testing.PasskeyApi.Account;
import dev.passkeys.testing.SoftwareAuthenticator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Refresh tokens, rotation, reuse detection, expiry and sign-out, against the real PostgreSQL. */
@QuarkusTest
class SessionTest {

    private static final long THIRTY_DAYS = 30L * 24 * 3600;

    @Inject
    PasskeyConfig config;

    @Inject
    SessionRows rows;

    @Test
    void aRefreshRotatesBothTokensAndKeepsTheSignIn() throws Exception {
        Account account = signUp(uniqueUsername());
        assertEquals(0, rows.rowsWithHash(account.refreshToken()), "the token itself is never stored");
        assertEquals(1, rows.rowsWithHash(SessionRows.sha256(account.refreshToken())), "only its SHA-256");

        JsonNode refreshed = json(refresh(account.refreshToken()).then().statusCode(200)
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(900))
                .body("refresh_expires_in", equalTo((int) THIRTY_DAYS))
                .extract().response());
        String accessToken = refreshed.get("access_token").asText();
        String refreshToken = refreshed.get("refresh_token").asText();
        assertNotEquals(account.refreshToken(), refreshToken);
        assertNotEquals(account.accessToken(), accessToken);
        authorized(accessToken).get("/api/auth/me").then().statusCode(200).body("id", equalTo(account.userId()));

        Map<String, Object> before = Jwts.claims(account.accessToken());
        Map<String, Object> after = Jwts.claims(accessToken);
        assertEquals(before.get("sub"), after.get("sub"));
        assertEquals(before.get("auth_time"), after.get("auth_time"), "a refresh is not a new authentication");
        assertEquals(before.get("amr"), after.get("amr"));
        assertNotEquals(before.get("jti"), after.get("jti"));

        refresh(refreshToken).then().statusCode(200);
    }

    @Test
    void theAmrOfALoginWithoutUserVerificationSurvivesRefreshes() {
        Account account = signUp(uniqueUsername());
        JsonNode login = json(loginVerify(account.authenticator().get(loginOptions(account.username()),
                CeremonyOptions.defaults().withUserVerified(false))));
        JsonNode refreshed = json(refresh(login.get("refresh_token").asText()).then().statusCode(200).extract().response());
        assertEquals(List.of("pop", "user"), Jwts.claims(refreshed.get("access_token").asText()).get("amr"));
    }

    @Test
    void aRotatedTokenPresentedAgainRevokesTheWholeFamily() {
        Account account = signUp(uniqueUsername());
        String otherSession = json(login(account)).get("refresh_token").asText();
        String second = json(refresh(account.refreshToken())).get("refresh_token").asText();
        String third = json(refresh(second)).get("refresh_token").asText();

        assertProblem(refresh(account.refreshToken()), 401, "refresh_token_reused");
        assertProblem(refresh(third), 401, "invalid_refresh_token");
        assertProblem(refresh(second), 401, "invalid_refresh_token");
        refresh(otherSession).then().statusCode(200);
    }

    @Test
    void expiredTokensAndFamiliesAreRefused() throws Exception {
        Account account = signUp(uniqueUsername());
        rows.expireToken(account.refreshToken());
        assertProblem(refresh(account.refreshToken()), 401, "invalid_refresh_token")
                .body("detail", org.hamcrest.Matchers.containsString("expired"));

        String ending = json(login(account)).get("refresh_token").asText();
        rows.endFamilyAt(ending, Instant.now().plusSeconds(120));
        JsonNode last = json(refresh(ending).then().statusCode(200).extract().response());
        long refreshExpiresIn = last.get("refresh_expires_in").asLong();
        assertTrue(refreshExpiresIn > 0 && refreshExpiresIn <= 120, "never past the family's absolute end: " + refreshExpiresIn);

        rows.endFamilyAt(last.get("refresh_token").asText(), Instant.now().minusSeconds(1));
        assertProblem(refresh(last.get("refresh_token").asText()), 401, "invalid_refresh_token");

        assertEquals(2, rows.families(account.userId()));
        login(account).then().statusCode(200);
        assertEquals(2, rows.families(account.userId()), "a sign-in clears the user's ended sessions");
    }

    @Test
    void aNewSessionEndsTheConfiguredFamilyLifetimeAfterItStarted() throws Exception {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Account account = signUp(uniqueUsername());
        String loggedIn = json(login(account)).get("refresh_token").asText();
        Instant after = Instant.now();

        for (String token : List.of(account.refreshToken(), loggedIn)) {
            SessionRows.Family family = rows.family(token);
            assertTrue(!family.createdAt().isBefore(before) && !family.createdAt().isAfter(after),
                    "started by this sign-in: " + family);
            assertEquals(config.refreshFamilyLifetime(), Duration.between(family.createdAt(), family.expiresAt()),
                    "PASSKEY_REFRESH_FAMILY_LIFETIME after it started: " + family);
        }
        String refreshed = json(refresh(loggedIn)).get("refresh_token").asText();
        assertEquals(rows.family(loggedIn), rows.family(refreshed), "a refresh does not move the end");
    }

    @Test
    void logoutRevokesTheSessionAndIsIdempotent() {
        Account account = signUp(uniqueUsername());
        String otherSession = json(login(account)).get("refresh_token").asText();
        String current = json(refresh(account.refreshToken())).get("refresh_token").asText();

        logout(current).then().statusCode(204);
        assertProblem(refresh(current), 401, "invalid_refresh_token");
        logout(current).then().statusCode(204);
        logout(account.refreshToken()).then().statusCode(204);
        logout("A".repeat(43)).then().statusCode(204);
        logout("not a token").then().statusCode(204);

        refresh(otherSession).then().statusCode(200);
        authorized(account.accessToken()).get("/api/auth/me").then().statusCode(200);
    }

    @Test
    void logoutAllRevokesEverySessionOfTheUserOnly() throws Exception {
        Account account = signUp(uniqueUsername());
        Account someoneElse = signUp(uniqueUsername());
        String second = json(login(account)).get("refresh_token").asText();
        String third = json(refresh(json(login(account)).get("refresh_token").asText())).get("refresh_token").asText();
        assertEquals(3, rows.families(account.userId()));

        logoutAll(account.accessToken()).then().statusCode(204);
        for (String token : List.of(account.refreshToken(), second, third)) {
            assertProblem(refresh(token), 401, "invalid_refresh_token");
        }
        logoutAll(account.accessToken()).then().statusCode(204);
        refresh(someoneElse.refreshToken()).then().statusCode(200);

        assertProblem(logoutAll(null), 401, "unauthorized");
        assertProblem(logoutAll("not.a.token"), 401, "invalid_token");

        String afterwards = json(login(account)).get("refresh_token").asText();
        refresh(afterwards).then().statusCode(200);
    }

    @Test
    void deletingThePasskeyEndsTheSessionsItStarted() {
        Account account = signUp(uniqueUsername());
        SoftwareAuthenticator phone = new SoftwareAuthenticator();
        String phonePasskey = addPasskey(account, phone, "Phone").then().statusCode(201).extract().path("passkey.id");
        String phoneSession = json(loginVerify(phone.get(loginOptions(account.username())))).get("refresh_token").asText();
        String rotated = json(refresh(phoneSession).then().statusCode(200).extract().response())
                .get("refresh_token").asText();

        authorized(account.accessToken()).delete("/api/auth/passkeys/" + phonePasskey).then().statusCode(204);
        assertProblem(refresh(rotated), 401, "invalid_refresh_token");
        refresh(account.refreshToken()).then().statusCode(200);
    }

    @Test
    void concurrentRefreshesOfOneTokenHaveExactlyOneWinner() throws Exception {
        Account account = signUp(uniqueUsername());
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                Callable<Response> racer = () -> {
                    start.await();
                    return refresh(account.refreshToken());
                };
                results.add(pool.submit(racer));
            }
            start.countDown();
            int winners = 0;
            for (Future<Response> result : results) {
                Response response = result.get(60, TimeUnit.SECONDS);
                if (response.statusCode() == 200) {
                    winners++;
                } else {
                    assertEquals(401, response.statusCode(), response.asString());
                    assertTrue(List.of("refresh_token_reused", "invalid_refresh_token")
                            .contains(response.jsonPath().getString("code")), response.asString());
                }
            }
            assertEquals(1, winners, "exactly one refresh of a token succeeds");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void malformedBodiesAreBadRequestsAndUnknownTokensUnauthorized() {
        for (String path : List.of("/api/auth/token/refresh", "/api/auth/logout")) {
            for (String body : List.of("{", "[]", "42", "{}", "{\"refresh_token\": 5}", "{\"refresh_token\": \"\"}",
                    "{\"refresh_token\": [\"a\"]}", "{\"refresh_token\": null}")) {
                assertProblem(given().contentType(ContentType.JSON).body(body).post(path), 400, "invalid_request");
            }
            assertProblem(given().contentType(ContentType.JSON).post(path), 400, "invalid_request");
        }
        assertProblem(refresh("A".repeat(43)), 401, "invalid_refresh_token");
        assertProblem(refresh("x".repeat(5000)), 401, "invalid_refresh_token");
        assertProblem(refresh("eyJhbGciOiJFUzI1NiJ9.e30.sig"), 401, "invalid_refresh_token");
    }

    @Test
    void theOpenApiDocumentHasTheSessionEndpointsAndTheExtendedTokenShapes() {
        io.restassured.path.json.JsonPath openApi = given().accept(ContentType.JSON).get("/q/openapi?format=json")
                .then().statusCode(200).extract().jsonPath();
        for (String path : List.of("/api/auth/token/refresh", "/api/auth/logout", "/api/auth/logout-all")) {
            assertTrue(openApi.getMap("paths").containsKey(path), path);
        }
        Map<String, Object> schemas = openApi.getMap("components.schemas");
        for (String schema : List.of("TokenResponse", "Login", "SignUp")) {
            Map<String, Object> properties = openApi.getMap("components.schemas." + schema + ".properties");
            assertTrue(properties != null && properties.keySet().containsAll(List.of("access_token", "token_type",
                    "expires_in", "refresh_token", "refresh_expires_in")), schema + " in " + schemas.keySet());
        }
    }
}
