package dev.passkeys.challenge;

import static dev.passkeys.testing.PasskeyApi.loginOptions;
import static dev.passkeys.testing.PasskeyApi.loginVerify;
import static dev.passkeys.testing.PasskeyApi.registerVerify;
import static dev.passkeys.testing.PasskeyApi.signUp;
import static dev.passkeys.testing.PasskeyApi.signUpOptions;
import static dev.passkeys.testing.PasskeyApi.uniqueUsername;
import static dev.passkeys.testing.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.passkeys.testing.PasskeyApi;
import dev.passkeys.testing.SoftwareAuthenticator;
import io.agroal.api.AgroalDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class ChallengeStoreTest {

    private static final long DEFAULT_TTL_MILLIS = 300_000;

    @Inject
    RedisDataSource redis;

    @Inject
    AgroalDataSource dataSource;

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

    /** register-options checks the username while it stores the challenge: a refused one must not stay behind. */
    @Test
    void aSignUpRefusedForATakenUsernameLeavesNoPendingCeremony() {
        String username = uniqueUsername();
        signUp(username);
        PasskeyApi.registerOptions(null, java.util.Map.of("username", username.toUpperCase())).then().statusCode(409);

        for (String key : redis.key().keys(ChallengeStore.KEY_PREFIX + "reg:*")) {
            String stored = redis.value(String.class).get(key);
            assertFalse(stored != null && stored.toLowerCase().contains(username.toLowerCase()),
                    "a pending sign-up for the taken username is left: " + key);
        }
    }

    /** 100,000 abandoned logins must cost Redis less than 40 MB: 400 bytes each, all overheads included. */
    @Test
    void anAbandonedLoginCostsRedisLittle() {
        PasskeyApi.Account account = signUp(uniqueUsername());
        for (ObjectNode options : new ObjectNode[] { loginOptions(account.username()), loginOptions(null),
                loginOptions(uniqueUsername()) }) {
            String key = ChallengeStore.KEY_PREFIX + "auth:" + options.get("challenge").asText();
            long bytes = redis.execute("MEMORY", "USAGE", key).toLong();
            assertTrue(bytes < 400, key + " takes " + bytes + " bytes");
        }
    }

    /**
     * Erasure must leave no personal data in Redis: a pending login holds random identifiers and a keyed hash, and only
     * pending registrations (which would add a passkey) are indexed per account for deletion.
     */
    @Test
    void aPendingLoginHoldsNoUsernameAndNeedsNoErasureIndex() {
        PasskeyApi.Account account = signUp(uniqueUsername());
        String unknown = uniqueUsername();
        for (String username : new String[] { account.username(), unknown }) {
            String key = ChallengeStore.KEY_PREFIX + "auth:" + loginOptions(username).get("challenge").asText();
            String stored = redis.value(String.class).get(key);
            assertTrue(stored != null && !stored.toLowerCase().contains(username.toLowerCase()),
                    "the pending login names no user: " + stored);
        }
        assertFalse(redis.key().exists(ChallengeStore.USER_INDEX_PREFIX + account.userId()),
                "a login is not indexed for erasure");

        PasskeyApi.registerOptions(account.accessToken(), java.util.Map.of()).then().statusCode(200);
        assertTrue(redis.key().exists(ChallengeStore.USER_INDEX_PREFIX + account.userId()),
                "a pending registration is indexed for erasure");
    }

    /**
     * A username-first login writes its challenge while it reads the account's passkeys, one round trip less: with
     * the passkeys' table locked, the challenge is in Redis before the options can answer, and they then answer with
     * that challenge and the account's passkey.
     */
    @Test
    void aUsernameFirstLoginStoresItsChallengeWhileItReadsThePasskeys() throws Exception {
        PasskeyApi.Account account = signUp(uniqueUsername());
        Set<String> before = loginChallenges();
        try (Connection rival = dataSource.getConnection()) {
            rival.setAutoCommit(false);
            try (Statement lock = rival.createStatement()) {
                lock.execute("LOCK TABLE passkeys IN ACCESS EXCLUSIVE MODE");
            }
            CompletableFuture<ObjectNode> options = CompletableFuture.supplyAsync(() -> loginOptions(account.username()));
            Set<String> stored = newLoginChallenges(before);
            assertFalse(options.isDone(), "the options wait for the passkeys");
            rival.rollback();
            ObjectNode answered = options.get(10, TimeUnit.SECONDS);
            assertEquals(Set.of(ChallengeStore.KEY_PREFIX + "auth:" + answered.get("challenge").asText()), stored,
                    "the challenge stored while the passkeys were read is the one the options carry");
            assertEquals(account.passkeyId(), answered.get("allowCredentials").get(0).get("id").asText());
        }
    }

    /**
     * A login pending when the service is upgraded was stored with the account's ID and its allowed credentials, not
     * with a username's tag: it still completes for that account's passkey, and for no other account's.
     */
    @Test
    void aLoginPendingFromBeforeUsernameTagsStillCompletesForItsAccountOnly() {
        PasskeyApi.Account account = signUp(uniqueUsername());
        PasskeyApi.Account other = signUp(uniqueUsername());
        for (PasskeyApi.Account started : new PasskeyApi.Account[] { other, account }) {
            ObjectNode options = loginOptions(account.username());
            String key = ChallengeStore.KEY_PREFIX + "auth:" + options.get("challenge").asText();
            redis.value(String.class).set(key, """
                    {"request":"{\\"f\\":1,\\"a\\":[\\"%s\\"]}","userId":"%s"}\
                    """.formatted(account.passkeyId(), started.userId()));
            Response verify = loginVerify(account.authenticator().get(options));
            if (started == account) {
                verify.then().statusCode(200);
            } else {
                assertProblem(verify, 401, "credential_not_allowed");
            }
        }
    }

    private Set<String> loginChallenges() {
        return new HashSet<>(redis.key().keys(ChallengeStore.KEY_PREFIX + "auth:*"));
    }

    private Set<String> newLoginChallenges(Set<String> before) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            Set<String> added = loginChallenges();
            added.removeAll(before);
            if (!added.isEmpty()) {
                return added;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no login challenge was stored within 4 s");
    }
}
