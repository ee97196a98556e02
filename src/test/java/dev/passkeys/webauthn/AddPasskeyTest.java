package dev.passkeys.webauthn;

import static dev.passkeys.testing.PasskeyApi.addPasskey;
import static dev.passkeys.testing.PasskeyApi.json;
import static dev.passkeys.testing.PasskeyApi.registerOptions;
import static dev.passkeys.testing.PasskeyApi.registerVerify;
import static dev.passkeys.testing.PasskeyApi.signUp;
import static dev.passkeys.testing.PasskeyApi.uniqueUsername;
import static dev.passkeys.testing.Problems.assertProblem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.passkeys.testing.PasskeyApi;
import dev.passkeys.testing.PasskeyApi.Account;
import dev.passkeys.testing.SoftwareAuthenticator;
import dev.passkeys.testing.WebAuthnError;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class AddPasskeyTest {

    @Test
    void aSignedInUserAddsASecondPasskeyAndTheFirstIsExcluded() {
        Account account = signUp(uniqueUsername());
        ObjectNode options = json(registerOptions(account.accessToken(), Map.of()).then().statusCode(200).extract().response());
        assertEquals(account.username(), options.at("/user/name").asText());
        assertEquals(account.passkeyId(), options.at("/excludeCredentials/0/id").asText());

        WebAuthnError excluded = assertThrows(WebAuthnError.class, () -> account.authenticator().create(options));
        assertEquals("InvalidStateError", excluded.name());

        Response added = registerVerify(account.accessToken(), new SoftwareAuthenticator().create(options), "Phone");
        added.then().statusCode(201);
        JsonNode body = json(added);
        assertEquals(account.userId(), body.at("/user/id").asText());
        assertEquals("Phone", body.at("/passkey/name").asText());
        assertFalse(body.has("access_token"), "adding a passkey does not mint a token");
        assertFalse(body.has("refresh_token"), "nor start a session");

        PasskeyApi.authorized(account.accessToken()).get("/api/auth/passkeys").then().statusCode(200)
                .body("passkeys", hasSize(2))
                .body("passkeys[0].id", org.hamcrest.Matchers.equalTo(account.passkeyId()));
    }

    @Test
    void theSecondPasskeyCanLogIn() {
        Account account = signUp(uniqueUsername());
        SoftwareAuthenticator phone = new SoftwareAuthenticator();
        addPasskey(account, phone, null).then().statusCode(201);
        PasskeyApi.loginVerify(phone.get(PasskeyApi.loginOptions(account.username()))).then().statusCode(200);
    }

    @Test
    void finishingAnAdditionNeedsTheSameCallersToken() {
        Account alice = signUp(uniqueUsername());
        Account bob = signUp(uniqueUsername());
        ObjectNode options = json(registerOptions(alice.accessToken(), Map.of()).then().statusCode(200).extract().response());
        ObjectNode created = new SoftwareAuthenticator().create(options);
        assertProblem(registerVerify(null, created, null), 401, "unauthorized");

        ObjectNode again = json(registerOptions(alice.accessToken(), Map.of()).then().statusCode(200).extract().response());
        assertProblem(registerVerify(bob.accessToken(), new SoftwareAuthenticator().create(again), null), 403,
                "account_mismatch");
    }

    @Test
    void anInvalidTokenIsNeverTreatedAsASignUp() {
        assertProblem(registerOptions("not.a.token", Map.of("username", uniqueUsername())), 401, "invalid_token");
        assertProblem(PasskeyApi.authorized(null).header("Authorization", "Basic Zm9vOmJhcg==")
                .contentType("application/json").body(Map.of()).post(PasskeyApi.BASE + "/register-options"),
                401, "invalid_token");
    }
}
