package dev.passkeys.challenge;

import static dev.passkeys.testing.PasskeyApi.loginOptions;
import static dev.passkeys.testing.PasskeyApi.registerVerify;
import static dev.passkeys.testing.PasskeyApi.signUp;
import static dev.passkeys.testing.PasskeyApi.signUpOptions;
import static dev.passkeys.testing.PasskeyApi.uniqueUsername;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.passkeys.testing.PasskeyApi;
import dev.passkeys.testing.SoftwareAuthenticator;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ChallengeStoreTest {

    private static final long DEFAULT_TTL_MILLIS = 300_000;

    @Inject
    RedisDataSource redis;

    @Test
    void eachCeremonysChallengeIsStoredUnderItsCeremonyWithTheTtlAndTakenOnce() {
        ObjectNode registration = signUpOptions(uniqueUsername());
        String registrationKey = ChallengeStore.KEY_PREFIX + "reg:" + registration.get("challenge").asText();
        long ttl = redis.key().pttl(registrationKey);
        assertTrue(ttl > 0 && ttl <= DEFAULT_TTL_MILLIS, "stored with the challenge TTL, got " + ttl);

        PasskeyApi.Account account = signUp(uniqueUsername());
        String loginKey = ChallengeStore.KEY_PREFIX + "auth:" + loginOptions(account.username()).get("challenge").asText();
        assertTrue(redis.key().exists(loginKey), "a login challenge is stored under the login ceremony");

        registerVerify(null, new SoftwareAuthenticator().create(registration), null).then().statusCode(201);
        assertFalse(redis.key().exists(registrationKey), "a completed ceremony leaves no challenge behind");
    }
}
