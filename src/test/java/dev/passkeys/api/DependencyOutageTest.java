package dev.passkeys.api;

import static dev.passkeys.testing.PasskeyApi.loginOptions;
import static dev.passkeys.testing.PasskeyApi.loginVerify;
import static dev.passkeys.testing.PasskeyApi.registerVerify;
import static dev.passkeys.testing.PasskeyApi.signUp;
import static dev.passkeys.testing.PasskeyApi.signUpOptions;
import static dev.passkeys.testing.PasskeyApi.uniqueUsername;
import static dev.passkeys.testing.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.passkeys.testing.AuditEvents;
import dev.passkeys.testing.PasskeyApi;
import dev.passkeys.testing.PrivateBackends;
import dev.passkeys.testing.PrivateRedis;
import dev.passkeys.testing.SoftwareAuthenticator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * PostgreSQL or Redis lost: the ceremonies answer 503 {@code dependency_unavailable} within a bounded time,
 * readiness goes DOWN, nothing is half-written, and the service recovers by itself once the dependency is back.
 * Runs against a private PostgreSQL cluster and Redis server that it crashes, freezes and restarts.
 */
@QuarkusTest
@TestProfile(DependencyOutageTest.PrivateBackendsProfile.class)
class DependencyOutageTest {

    /** Well above the 3 s dependency timeout of this profile, well below "minutes". */
    private static final Duration BOUND = Duration.ofSeconds(6);
    private static boolean warm;

    public static class PrivateBackendsProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("passkey.dependency-timeout", "PT3S");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PrivateBackends.class));
        }
    }

    /** The first ceremonies of a fresh JVM load many classes: done once before any timing is asserted. */
    @BeforeEach
    void warmUp() {
        for (int attempt = 0; !warm && attempt < 5; attempt++) {
            try {
                PasskeyApi.login(signUp(uniqueUsername())).then().statusCode(200);
                warm = true;
            } catch (AssertionError slow) {
                // a cold first request may hit the deadline: the next one is warm
            }
        }
    }

    @AfterEach
    void bringEverythingBack() {
        PrivateBackends.redis().thaw();
        PrivateBackends.redis().restart();
        PrivateBackends.postgres().restart();
        awaitReady();
    }

    @Test
    void redisDownIsA503AndTheServiceRecoversByItself() {
        PasskeyApi.Account account = signUp(uniqueUsername());
        ObjectNode login = loginOptions(account.username());

        PrivateBackends.redis().kill();
        assertUnavailable(() -> post("/login-options", Map.of("username", account.username())));
        assertUnavailable(() -> post("/register-options", Map.of("username", uniqueUsername())));
        assertUnavailable(() -> loginVerify(account.authenticator().get(login)));
        given().get("/q/health/ready").then().statusCode(503).body("status", org.hamcrest.Matchers.equalTo("DOWN"));
        assertEquals(Counters.of(0, false), counters(account.passkeyId()), "a failed login changes nothing");

        PrivateBackends.redis().restart();
        awaitReady();
        PasskeyApi.login(account).then().statusCode(200);
    }

    @Test
    void aFrozenRedisIsA503WithinTheTimeout() {
        PrivateBackends.redis().freeze();
        assertUnavailable(() -> post("/login-options", Map.of()));
        PrivateBackends.redis().thaw();
        post("/login-options", Map.of()).then().statusCode(200);
    }

    @Test
    void postgresqlDownIsA503AndTheServiceRecoversByItself() {
        PasskeyApi.Account account = signUp(uniqueUsername());
        ObjectNode signUp = signUpOptions(uniqueUsername());
        ObjectNode login = loginOptions(account.username());

        PrivateBackends.postgres().crash();
        assertUnavailable(() -> post("/register-options", Map.of("username", uniqueUsername())));
        assertUnavailable(() -> post("/login-options", Map.of("username", account.username())));
        assertUnavailable(() -> registerVerify(null, new SoftwareAuthenticator().create(signUp), null));
        assertUnavailable(() -> loginVerify(account.authenticator().get(login)));
        assertUnavailable(() -> PasskeyApi.authorized(account.accessToken()).get("/api/auth/me"));
        given().get("/q/health/ready").then().statusCode(503).body("status", org.hamcrest.Matchers.equalTo("DOWN"));

        PrivateBackends.postgres().restart();
        awaitReady();
        PasskeyApi.login(account).then().statusCode(200);
        assertEquals(Counters.of(account.authenticator().credentials().get(0).signCount(), true),
                counters(account.passkeyId()));
    }

    @Test
    void aSignUpThatFailsMidwayLeavesNothingBehind() throws SQLException {
        crashMidwayOn("crash-midway");
        String username = uniqueUsername();
        ObjectNode options = signUpOptions(username);
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();

        assertUnavailable(() -> registerVerify(null, authenticator.create(options), "crash-midway"));
        assertEquals(0, count("SELECT count(*) FROM users WHERE username = ?", username), "no user without a passkey");
        assertEquals(0, count("SELECT count(*) FROM passkeys p LEFT JOIN users u ON u.id = p.user_id WHERE u.id IS NULL"),
                "no passkey without a user");

        signUp(username).accessToken();
        assertEquals(1, count("SELECT count(*) FROM users WHERE username = ?", username), "the name is still free");
    }

    @Test
    void aLoginThatFailsMidwayLeavesTheCountersUnchanged() throws SQLException {
        crashMidwayOn("crash-midway");
        PasskeyApi.Account account = signUp(uniqueUsername());
        execute("UPDATE passkeys SET name = 'crash-midway' WHERE credential_id = ?", account.passkeyId());

        assertUnavailable(() -> PasskeyApi.login(account));
        assertEquals(Counters.of(0, false), counters(account.passkeyId()), "the login's update was rolled back");

        execute("UPDATE passkeys SET name = 'fine' WHERE credential_id = ?", account.passkeyId());
        PasskeyApi.login(account).then().statusCode(200);
        assertTrue(counters(account.passkeyId()).used());
    }

    @Test
    void aFailingAuditWriteNeverFailsALogin() throws SQLException {
        PasskeyApi.Account account = signUp(uniqueUsername());
        AuditEvents.await(account.accessToken(), 1);
        execute("ALTER TABLE audit_events RENAME TO audit_events_away");
        try {
            PasskeyApi.login(account).then().statusCode(200);
            // The event is written after the response, once it has waited for others: give the write time to fail.
            PrivateRedis.sleep(Duration.ofMillis(500));
        } finally {
            execute("ALTER TABLE audit_events_away RENAME TO audit_events");
        }
        PrivateRedis.sleep(Duration.ofMillis(500));
        assertEquals(List.of("sign_up"), AuditEvents.types(AuditEvents.all(account.accessToken())),
                "the login's event was lost with the write (and logged), the login itself succeeded");
    }

    // --- helpers ----------------------------------------------------------------------------------

    private static void assertUnavailable(Supplier<Response> call) {
        Instant start = Instant.now();
        Response response = call.get();
        Duration took = Duration.between(start, Instant.now());
        assertProblem(response, 503, "dependency_unavailable");
        assertTrue(took.compareTo(BOUND) < 0, "answered after " + took.toMillis() + " ms");
    }

    private static Response post(String path, Object body) {
        return given().contentType(ContentType.JSON).body(body).post(PasskeyApi.BASE + path);
    }

    private static void awaitReady() {
        Instant deadline = Instant.now().plusSeconds(30);
        while (given().get("/q/health/ready").statusCode() != 200) {
            assertTrue(Instant.now().isBefore(deadline), "readiness did not come back UP");
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * A trigger that kills its own database connection when a passkey named {@code marker} is inserted, or has
     * its signature counter updated by a login.
     */
    private static void crashMidwayOn(String marker) throws SQLException {
        try (Connection connection = PrivateBackends.postgres().connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE OR REPLACE FUNCTION crash_midway() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                    + "IF NEW.name = '" + marker + "' AND (TG_OP = 'INSERT' OR NEW.signature_count <> OLD.signature_count) THEN PERFORM pg_terminate_backend(pg_backend_pid()); END IF; "
                    + "RETURN NEW; END $$");
            statement.execute("DROP TRIGGER IF EXISTS crash_midway ON passkeys");
            statement.execute("CREATE TRIGGER crash_midway BEFORE INSERT OR UPDATE ON passkeys "
                    + "FOR EACH ROW EXECUTE FUNCTION crash_midway()");
        }
    }

    record Counters(long signatureCount, boolean used) {
        static Counters of(long signatureCount, boolean used) {
            return new Counters(signatureCount, used);
        }
    }

    private static Counters counters(String credentialId) {
        try (Connection connection = PrivateBackends.postgres().connect();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT signature_count, last_used_at IS NOT NULL FROM passkeys WHERE credential_id = ?")) {
            query.setString(1, credentialId);
            try (ResultSet rows = query.executeQuery()) {
                assertTrue(rows.next(), "the passkey exists");
                return new Counters(rows.getLong(1), rows.getBoolean(2));
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static long count(String sql, Object... parameters) throws SQLException {
        try (Connection connection = PrivateBackends.postgres().connect();
                PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static void execute(String sql, Object... parameters) throws SQLException {
        try (Connection connection = PrivateBackends.postgres().connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }
}
