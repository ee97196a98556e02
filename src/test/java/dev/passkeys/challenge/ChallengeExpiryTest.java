package dev.passkeys.challenge;

import static dev.passkeys.testing.PasskeyApi.loginOptions;
import static dev.passkeys.testing.PasskeyApi.loginVerify;
import static dev.passkeys.testing.PasskeyApi.registerVerify;
import static dev.passkeys.testing.PasskeyApi.signUpOptions;
import static dev.passkeys.testing.PasskeyApi.uniqueUsername;
import static dev.passkeys.testing.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.passkeys.testing.PasskeyApi;
import dev.passkeys.testing.SoftwareAuthenticator;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(ChallengeExpiryTest.ShortChallenges.class)
class ChallengeExpiryTest {

    public static class ShortChallenges implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("passkey.challenge-ttl", "PT2S");
        }
    }

    @Inject
    RedisDataSource redis;

    @Test
    void challengesExpireAfterTheirTtlAndLeaveNothingBehind() throws InterruptedException {
        ObjectNode options = signUpOptions(uniqueUsername());
        assertEquals(2000, options.get("timeout").asInt());
        String key = ChallengeStore.KEY_PREFIX + "reg:" + options.get("challenge").asText();

        PasskeyApi.Account account = PasskeyApi.signUp(uniqueUsername());
        ObjectNode login = loginOptions(account.username());
        ObjectNode created = new SoftwareAuthenticator().create(options);
        Thread.sleep(2500);

        assertTrue(!redis.key().exists(key), "an expired challenge leaves nothing in Redis");
        assertProblem(registerVerify(null, created, null), 400, "challenge_expired");
        assertProblem(loginVerify(account.authenticator().get(login)), 401, "challenge_expired");
    }
}
