package dev.passkeys.frontend;

import static dev.passkeys.testing.PasskeyApi.loginOptions;
import static dev.passkeys.testing.PasskeyApi.loginVerify;
import static dev.passkeys.testing.PasskeyApi.signUp;
import static dev.passkeys.testing.PasskeyApi.signUpOptions;
import static dev.passkeys.testing.PasskeyApi.uniqueUsername;
import static dev.passkeys.testing.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.passkeys.testing.CeremonyOptions;
import dev.passkeys.testing.PasskeyApi.Account;
import io.quarkus.test.junit.QuarkusTest;

/** The defaults: one web origin, no related origins, no apps, no hints. */
@QuarkusTest
class UnconfiguredFrontendsTest {

    @Test
    void theAssociationFilesAreNotFound() {
        for (String path : new String[] { "/.well-known/webauthn", "/.well-known/assetlinks.json",
                "/.well-known/apple-app-site-association" }) {
            assertProblem(given().get(path), 404, "not_found");
        }
    }

    @Test
    void noAndroidAppIsAccepted() {
        Account account = signUp(uniqueUsername());
        assertProblem(loginVerify(account.authenticator().get(loginOptions(account.username()),
                CeremonyOptions.defaults().withOrigin(FrontendsProfile.ANDROID_ORIGIN))), 401, "origin_mismatch");
    }

    @Test
    void optionsCarryNoHints() {
        assertTrue(signUpOptions(uniqueUsername()).get("hints").isEmpty());
        assertTrue(loginOptions(null).get("hints").isEmpty());
    }
}
