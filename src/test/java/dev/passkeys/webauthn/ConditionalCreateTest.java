package dev.passkeys.webauthn;

import static dev.passkeys.testing.PasskeyApi.json;
import static dev.passkeys.testing.PasskeyApi.loginOptions;
import static dev.passkeys.testing.PasskeyApi.loginVerify;
import static dev.passkeys.testing.PasskeyApi.registerOptions;
import static dev.passkeys.testing.PasskeyApi.registerVerify;
import static dev.passkeys.testing.PasskeyApi.signUp;
import static dev.passkeys.testing.PasskeyApi.signUpOptions;
import static dev.passkeys.testing.PasskeyApi.uniqueUsername;
import static dev.passkeys.testing.Problems.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.passkeys.testing.CeremonyOptions;
import dev.passkeys.testing.PasskeyApi;
import dev.passkeys.testing.PasskeyApi.Account;
import dev.passkeys.testing.SoftwareAuthenticator;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Conditional create (WebAuthn Level 3): a signed-in user's browser creates a passkey without a prompt, so the
 * attestation may come without user presence, in that ceremony and in no other.
 */
@QuarkusTest
class ConditionalCreateTest {

    private static final Map<String, String> CONDITIONAL = Map.of("mediation", "conditional");
    private static final CeremonyOptions NO_USER_PRESENCE = CeremonyOptions.defaults()
            .withUserPresent(false).withUserVerified(false);

    @Test
    void aConditionalCreateAcceptsAnAttestationWithoutUserPresence() {
        Account account = signUp(uniqueUsername());
        ObjectNode options = json(registerOptions(account.accessToken(), CONDITIONAL).then().statusCode(200)
                .extract().response());
        assertEquals(account.passkeyId(), options.at("/excludeCredentials/0/id").asText());
        assertEquals("preferred", options.at("/authenticatorSelection/userVerification").asText(),
                "a conditional create cannot require user verification");

        SoftwareAuthenticator passwordManager = new SoftwareAuthenticator();
        registerVerify(account.accessToken(), passwordManager.create(options, NO_USER_PRESENCE), null)
                .then().statusCode(201).body("user.id", equalTo(account.userId()));
        PasskeyApi.authorized(account.accessToken()).get("/api/auth/passkeys").then().body("passkeys", hasSize(2));

        // Logging in with it needs user presence as always.
        assertProblem(loginVerify(passwordManager.get(loginOptions(account.username()), NO_USER_PRESENCE)),
                401, "user_not_present");
        loginVerify(passwordManager.get(loginOptions(account.username()))).then().statusCode(200);
    }

    @Test
    void addingAPasskeyNormallyStillNeedsUserPresence() {
        Account account = signUp(uniqueUsername());
        ObjectNode options = json(registerOptions(account.accessToken(), Map.of()).then().statusCode(200)
                .extract().response());
        assertProblem(registerVerify(account.accessToken(), new SoftwareAuthenticator().create(options, NO_USER_PRESENCE),
                null), 400, "user_not_present");
    }

    @Test
    void aSignUpStillNeedsUserPresence() {
        ObjectNode created = new SoftwareAuthenticator().create(signUpOptions(uniqueUsername()), NO_USER_PRESENCE);
        assertProblem(registerVerify(null, created, null), 400, "user_not_present");
    }

    @Test
    void aConditionalCreateIsForSignedInCallersOnly() {
        assertProblem(registerOptions(null, Map.of("username", uniqueUsername(), "mediation", "conditional")),
                401, "unauthorized");
    }

    @Test
    void otherMediationsAreRefused() {
        Account account = signUp(uniqueUsername());
        for (Object mediation : new Object[] { "silent", "required", "", "CONDITIONAL" }) {
            assertProblem(registerOptions(account.accessToken(), Map.of("mediation", mediation)), 400, "invalid_request");
        }
        assertProblem(registerOptions(account.accessToken(), Map.of("mediation", true)), 400, "invalid_request");
    }

    @Test
    void aConditionalCreateIsStillVerifiedInFull() {
        Account account = signUp(uniqueUsername());
        ObjectNode options = json(registerOptions(account.accessToken(), CONDITIONAL).then().statusCode(200)
                .extract().response());
        assertProblem(registerVerify(account.accessToken(), new SoftwareAuthenticator().create(options,
                NO_USER_PRESENCE.withOrigin("https://evil.example")), null), 400, "origin_mismatch");

        ObjectNode again = json(registerOptions(account.accessToken(), CONDITIONAL).then().statusCode(200)
                .extract().response());
        assertProblem(registerVerify(account.accessToken(), new SoftwareAuthenticator().create(again,
                NO_USER_PRESENCE.withRpId("evil.example")), null), 400, "rp_id_mismatch");
    }
}
