package dev.passkeys.webauthn;

import static dev.passkeys.testing.PasskeyApi.addPasskey;
import static dev.passkeys.testing.PasskeyApi.json;
import static dev.passkeys.testing.PasskeyApi.registerOptions;
import static dev.passkeys.testing.PasskeyApi.registerVerify;
import static dev.passkeys.testing.PasskeyApi.signUp;
import static dev.passkeys.testing.PasskeyApi.signUpOptions;
import static dev.passkeys.testing.PasskeyApi.uniqueUsername;
import static dev.passkeys.testing.Problems.assertProblem;
import static org.hamcrest.Matchers.hasSize;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.passkeys.testing.CeremonyOptions;
import dev.passkeys.testing.PasskeyApi;
import dev.passkeys.testing.PasskeyApi.Account;
import dev.passkeys.testing.SoftwareAuthenticator;
import io.quarkus.test.junit.QuarkusTest;

/** The test profile allows three passkeys per account (PASSKEY_MAX_PASSKEYS_PER_USER). */
@QuarkusTest
class PasskeyLimitsTest {

    private static final int MAX = 3;

    @Test
    void anAccountHoldsAtMostTheConfiguredNumberOfPasskeys() {
        Account account = signUp(uniqueUsername());
        ObjectNode third = addOptions(account);
        ObjectNode fourth = addOptions(account);
        addPasskey(account, new SoftwareAuthenticator(), null).then().statusCode(201);

        registerVerify(account.accessToken(), new SoftwareAuthenticator().create(third), null).then().statusCode(201);
        assertProblem(registerVerify(account.accessToken(), new SoftwareAuthenticator().create(fourth), null),
                409, "too_many_passkeys");
        assertProblem(registerOptions(account.accessToken(), Map.of()), 409, "too_many_passkeys");
        PasskeyApi.authorized(account.accessToken()).get("/api/auth/passkeys").then().statusCode(200)
                .body("passkeys", hasSize(MAX));
    }

    @Test
    void anOverlongCredentialIdIsRefused() {
        String id = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[1024]);
        ObjectNode created = new SoftwareAuthenticator().create(signUpOptions(uniqueUsername()),
                CeremonyOptions.defaults().withCredentialId(id));
        assertProblem(registerVerify(null, created, null), 400, "invalid_request");
    }

    private static ObjectNode addOptions(Account account) {
        return json(registerOptions(account.accessToken(), Map.of()).then().statusCode(200).extract().response());
    }
}
