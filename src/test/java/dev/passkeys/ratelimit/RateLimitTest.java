package dev.passkeys.ratelimit;

import static dev.passkeys.testing.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.passkeys.testing.PasskeyApi;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Tiny budgets, and 127.0.0.2 as the one trusted proxy: requests from 127.0.0.1 are clients themselves whatever
 * their {@code X-Forwarded-For} says; requests sent from 127.0.0.2 speak for the client they forward.
 */
@QuarkusTest
@TestProfile(RateLimitTest.TinyBudgets.class)
class RateLimitTest {

    private static final int PER_IP = 4;
    private static final int PER_USERNAME = 3;
    private static final int PER_CREDENTIAL = 2;
    private static final int REFRESH_PER_IP = 3;

    public static class TinyBudgets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("passkey.rate-limit.per-ip", String.valueOf(PER_IP),
                    "passkey.rate-limit.refresh-per-ip", String.valueOf(REFRESH_PER_IP),
                    "passkey.rate-limit.per-username", String.valueOf(PER_USERNAME),
                    "passkey.rate-limit.per-credential", String.valueOf(PER_CREDENTIAL),
                    "passkey.rate-limit.window", "PT1M",
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.trusted-proxies", "127.0.0.2");
        }
    }

    @Inject
    RedisDataSource redis;

    @Inject
    Pool pool;

    @BeforeEach
    void freshBudgets() {
        for (String key : redis.key().keys(RateLimiter.KEY_PREFIX + "*")) {
            redis.key().del(key);
        }
    }

    @Test
    void anUntrustedPeerIsLimitedByItsOwnAddressWhateverItForwards() {
        for (int i = 0; i < PER_IP; i++) {
            loginOptions(given().header("X-Forwarded-For", randomIp()), Map.of()).then().statusCode(200);
        }
        Response refused = loginOptions(given().header("X-Forwarded-For", randomIp()), Map.of());
        assertRateLimited(refused);
        assertRateLimited(PasskeyApi.registerOptions(null, Map.of("username", PasskeyApi.uniqueUsername())));
    }

    @Test
    void aTrustedProxySpeaksForTheClientItForwards() {
        String client = randomIp();
        for (int i = 0; i < PER_IP; i++) {
            loginOptions(viaProxy(client), Map.of()).then().statusCode(200);
        }
        assertRateLimited(loginOptions(viaProxy(client), Map.of()));
        loginOptions(viaProxy(randomIp()), Map.of()).then().statusCode(200);
    }

    @Test
    void oneUsernameHasABudgetWhateverTheIp() {
        String username = PasskeyApi.uniqueUsername();
        for (int i = 0; i < PER_USERNAME; i++) {
            loginOptions(viaProxy(randomIp()), Map.of("username", username)).then().statusCode(200);
        }
        assertRateLimited(loginOptions(viaProxy(randomIp()), Map.of("username", username.toUpperCase())));
        assertRateLimited(post(viaProxy(randomIp()), "/register-options", Map.of("username", username)));
        loginOptions(viaProxy(randomIp()), Map.of("username", PasskeyApi.uniqueUsername())).then().statusCode(200);
    }

    @Test
    void recoveryIsLimitedLikeLogin() {
        String username = PasskeyApi.uniqueUsername();
        Map<String, Object> attempt = Map.of("username", username, "code", "AAAA-BBBB-CCCC-DDDD");
        for (int i = 0; i < PER_USERNAME; i++) {
            assertProblem(viaProxy(randomIp()).contentType(ContentType.JSON).body(attempt).post("/api/auth/recovery"),
                    401, "recovery_failed");
        }
        assertRateLimited(viaProxy(randomIp()).contentType(ContentType.JSON).body(attempt).post("/api/auth/recovery"));
        String client = randomIp();
        for (int i = 0; i < PER_IP; i++) {
            assertProblem(viaProxy(client).contentType(ContentType.JSON)
                    .body(Map.of("username", PasskeyApi.uniqueUsername(), "code", "x")).post("/api/auth/recovery"),
                    401, "recovery_failed");
        }
        assertRateLimited(viaProxy(client).contentType(ContentType.JSON)
                .body(Map.of("username", PasskeyApi.uniqueUsername(), "code", "x")).post("/api/auth/recovery"));
    }

    @Test
    void oneCredentialHasABudgetWhateverTheIp() {
        Map<String, Object> attempt = Map.of("credential", Map.of("id", "AAECAwQFBgcICQoLDA0ODw", "type", "public-key"));
        for (int i = 0; i < PER_CREDENTIAL; i++) {
            assertProblem(post(viaProxy(randomIp()), "/login-verify", attempt), 400, "invalid_request");
        }
        String attacker = randomIp();
        assertRateLimited(post(viaProxy(attacker), "/login-verify", attempt));
        assertRateLimited(post(viaProxy(randomIp()), "/register-verify", attempt));
        assertEquals(1, awaitRateLimitedEvents(attacker), "the first refusal of the window is in the audit trail");
        assertEquals(1, awaitRateLimitedEvents(attacker), "one event per window, not one per refusal");
    }

    @Test
    void tokenRefreshHasABudgetPerClientIp() {
        String client = randomIp();
        for (int i = 0; i < REFRESH_PER_IP; i++) {
            assertProblem(refresh(viaProxy(client)), 401, "invalid_refresh_token");
        }
        assertRateLimited(refresh(viaProxy(client)));
        assertEquals(1, awaitRateLimitedEvents(client, "refresh-ip"), "the refusal is in the audit trail");
        assertProblem(refresh(viaProxy(randomIp())), 401, "invalid_refresh_token");
        loginOptions(viaProxy(client), Map.of()).then().statusCode(200);
    }

    @Test
    void anUntrustedPeerRefreshesOnItsOwnBudgetWhateverItForwards() {
        for (int i = 0; i < REFRESH_PER_IP; i++) {
            assertProblem(refresh(given().header("X-Forwarded-For", randomIp())), 401, "invalid_refresh_token");
        }
        assertRateLimited(refresh(given().header("X-Forwarded-For", randomIp())));
    }

    private static Response refresh(RequestSpecification request) {
        return request.contentType(ContentType.JSON).body(Map.of("refresh_token", "A".repeat(43)))
                .post("/api/auth/token/refresh");
    }

    private long awaitRateLimitedEvents(String clientIp) {
        return awaitRateLimitedEvents(clientIp, "credential");
    }

    /** The rate_limited events of this client for one budget's scope. */
    private long awaitRateLimitedEvents(String clientIp, String scope) {
        for (int attempt = 0; attempt < 50; attempt++) {
            long count = pool.preparedQuery("SELECT count(*) FROM audit_events WHERE type = 'rate_limited' "
                    + "AND reason = $2 AND client_ip = $1").execute(Tuple.of(clientIp, scope))
                    .await().indefinitely().iterator().next().getLong(0);
            if (count > 0) {
                return count;
            }
            dev.passkeys.testing.PrivateRedis.sleep(java.time.Duration.ofMillis(100));
        }
        return 0;
    }

    private static void assertRateLimited(Response response) {
        assertProblem(response, 429, "rate_limited");
        long retryAfter = Long.parseLong(response.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertEquals("Too Many Requests", response.path("title"));
    }

    private static Response loginOptions(RequestSpecification request, Object body) {
        return post(request, "/login-options", body);
    }

    private static Response post(RequestSpecification request, String path, Object body) {
        return request.contentType(ContentType.JSON).body(body).post(PasskeyApi.BASE + path);
    }

    /** A request sent from 127.0.0.2, the trusted proxy, on behalf of {@code client}. */
    private static RequestSpecification viaProxy(String client) {
        try {
            return given().config(RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                    .setParam("http.route.local-address", InetAddress.getByName("127.0.0.2"))))
                    .header("X-Forwarded-For", client);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A documentation address (RFC 5737), new for each call. */
    private static String randomIp() {
        int n = UUID.randomUUID().hashCode() & 0xffff;
        return "198.51." + (n >> 8) + "." + (n & 0xff);
    }
}
