package dev.passkeys.challenge;

import static dev.passkeys.testing.PasskeyApi.addPasskey;
import static dev.passkeys.testing.PasskeyApi.login;
import static dev.passkeys.testing.PasskeyApi.loginOptions;
import static dev.passkeys.testing.PasskeyApi.loginVerify;
import static dev.passkeys.testing.PasskeyApi.signUp;
import static dev.passkeys.testing.PasskeyApi.uniqueUsername;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.passkeys.testing.PasskeyApi;
import dev.passkeys.testing.PasskeyApi.Account;
import dev.passkeys.testing.PrivateRedisCluster;
import dev.passkeys.testing.SoftwareAuthenticator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Scale-out on Redis Cluster: every ceremony (and its rate limits) runs against a private three-master cluster
 * with a replica each, where no command touches two slots; after a master is killed, its replica takes over and
 * new ceremonies succeed again within seconds.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestProfile(RedisClusterTest.ClusterProfile.class)
class RedisClusterTest {

    /** Every challenge is a random key: 30 ceremonies reach every master with near certainty (1 - 3 * (2/3)^30). */
    private static final int CEREMONIES = 30;

    public static class ClusterProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("passkey.dependency-timeout", "PT3S");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PrivateRedisCluster.class));
        }
    }

    @Test
    @Order(1)
    void everyCeremonyRunsThroughTheCluster() {
        Account account = signUp(uniqueUsername());
        for (int i = 0; i < CEREMONIES; i++) {
            login(account).then().statusCode(200);
        }
        loginVerify(account.authenticator().get(loginOptions(null))).then().statusCode(200);
        addPasskey(account, new SoftwareAuthenticator(), "Second key").then().statusCode(201);
    }

    @Test
    @Order(2)
    void aKilledMasterIsReplacedAndCeremoniesSucceedAgainWithinSeconds() {
        Account account = signUp(uniqueUsername());
        PrivateRedisCluster.killAMaster();
        Instant killed = Instant.now();

        // Ceremonies whose challenge lands on the dead master fail (503) until its replica is promoted.
        int consecutive = 0;
        Instant deadline = killed.plusSeconds(60);
        while (consecutive < CEREMONIES && Instant.now().isBefore(deadline)) {
            int status = tryLogin(account);
            consecutive = status == 200 ? consecutive + 1 : 0;
            assertTrue(status == 200 || status == 503, "a ceremony during the failover answered " + status);
        }
        Duration recovered = Duration.between(killed, Instant.now());
        assertEquals(CEREMONIES, consecutive, "ceremonies did not succeed again within " + recovered);
        assertEquals(3, PrivateRedisCluster.masters(), "a replica took over the killed master's slots");
        assertTrue(recovered.compareTo(Duration.ofSeconds(20)) < 0, "recovered only after " + recovered);
        System.out.println("Redis Cluster: " + CEREMONIES + " logins in a row succeeded " + recovered.toMillis()
                + " ms after a master was killed");
        signUp(uniqueUsername());
    }

    /** A username-first login that may fail at either step: the status of the step that answered last. */
    private static int tryLogin(Account account) {
        Response options = given().contentType(ContentType.JSON).body(Map.of("username", account.username()))
                .post(PasskeyApi.BASE + "/login-options");
        if (options.statusCode() != 200) {
            return options.statusCode();
        }
        return loginVerify(account.authenticator().get(PasskeyApi.json(options))).statusCode();
    }
}
