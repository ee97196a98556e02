package dev.passkeys.webauthn;

import static dev.passkeys.testing.PasskeyApi.json;
import static dev.passkeys.testing.PasskeyApi.loginOptions;
import static dev.passkeys.testing.PasskeyApi.loginVerify;
import static dev.passkeys.testing.PasskeyApi.signUp;
import static dev.passkeys.testing.PasskeyApi.uniqueUsername;
import static dev.passkeys.testing.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.passkeys.testing.AuditEvents;
import dev.passkeys.testing.CeremonyOptions;
import dev.passkeys.testing.Credential;
import dev.passkeys.testing.PasskeyApi;
import dev.passkeys.testing.PasskeyApi.Account;
import dev.passkeys.testing.SoftwareAuthenticator;
import io.quarkus.test.junit.QuarkusTest;

/** A cloned authenticator shows itself by a signature counter that does not increase. */
@QuarkusTest
class CounterRegressionTest {

    @Test
    void aCloneIsRefusedAndThePasskeyMarkedSuspect() {
        Account account = signUp(uniqueUsername());
        Credential original = account.authenticator().credentials().get(0);
        SoftwareAuthenticator clone = new SoftwareAuthenticator();
        clone.add(original.copy());

        PasskeyApi.login(account).then().statusCode(200);
        PasskeyApi.login(account).then().statusCode(200);
        assertFalse(passkey(account).get("suspect").asBoolean(), "an honest passkey is not suspect");

        assertProblem(loginVerify(clone.get(loginOptions(account.username()))), 401, "counter_regression");
        assertTrue(passkey(account).get("suspect").asBoolean(), "the cloned passkey is marked suspect");
        var events = AuditEvents.await(account.accessToken(), 5);
        assertEquals(java.util.Set.of("counter_regression", "login_failure"),
                java.util.Set.copyOf(AuditEvents.types(events.subList(0, 2))), "the regression is in the audit trail");
        assertEquals(account.passkeyId(), events.get(0).get("credentialId").asText());
        PasskeyApi.login(account).then().statusCode(200);
        assertTrue(passkey(account).get("suspect").asBoolean(), "the mark stays");
    }

    @Test
    void aForgedAssertionWithALowCounterIsABadSignatureNotASuspectPasskey() {
        Account account = signUp(uniqueUsername());
        PasskeyApi.login(account).then().statusCode(200);
        PasskeyApi.login(account).then().statusCode(200);
        assertProblem(loginVerify(account.authenticator().get(loginOptions(account.username()),
                CeremonyOptions.defaults().withSignCount(1).withCorruptedSignature())), 401, "signature_invalid");
        assertFalse(passkey(account).get("suspect").asBoolean(), "whoever lacks the key cannot flag a passkey");
    }

    @Test
    void aCounterlessPasskeyIsNeverSuspect() {
        SoftwareAuthenticator synced = new SoftwareAuthenticator();
        Account account = PasskeyApi.signUp(uniqueUsername(), synced);
        for (int i = 0; i < 2; i++) {
            loginVerify(synced.get(loginOptions(account.username()), CeremonyOptions.defaults().withCounterless(true)))
                    .then().statusCode(200);
        }
        assertFalse(passkey(account).get("suspect").asBoolean());
    }

    private static JsonNode passkey(Account account) {
        return json(PasskeyApi.authorized(account.accessToken()).get("/api/auth/passkeys").then().statusCode(200)
                .extract().response()).at("/passkeys/0");
    }
}
