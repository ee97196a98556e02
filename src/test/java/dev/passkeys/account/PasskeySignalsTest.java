package dev.passkeys.account;

import static dev.passkeys.testing.PasskeyApi.addPasskey;
import static dev.passkeys.testing.PasskeyApi.authorized;
import static dev.passkeys.testing.PasskeyApi.json;
import static dev.passkeys.testing.PasskeyApi.signUp;
import static dev.passkeys.testing.PasskeyApi.uniqueUsername;
import static dev.passkeys.testing.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.passkeys.testing.PasskeyApi;
import dev.passkeys.testing.PasskeyApi.Account;
import dev.passkeys.testing.SoftwareAuthenticator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** GET /api/auth/passkeys/signals: the arguments of the WebAuthn Signal API's two user-level calls. */
@QuarkusTest
class PasskeySignalsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theSignalsAreTheUserHandleTheAcceptedCredentialsAndTheNames() throws Exception {
        String username = uniqueUsername();
        SoftwareAuthenticator laptop = new SoftwareAuthenticator();
        Account account = PasskeyApi.signUp(username, laptop);
        String userHandle = laptop.credentials().get(0).userHandle();

        JsonNode signals = signals(account);
        assertEquals(List.of("rpId", "userId", "allAcceptedCredentialIds", "name", "displayName"), fieldNames(signals));
        assertEquals("localhost", signals.get("rpId").asText());
        assertEquals(userHandle, signals.get("userId").asText(), "userId is the WebAuthn user handle, not the User id");
        assertEquals(JSON.readTree("[\"" + account.passkeyId() + "\"]"), signals.get("allAcceptedCredentialIds"));
        assertEquals(username, signals.get("name").asText());
        assertEquals(username, signals.get("displayName").asText());

        String second = addPasskey(account, new SoftwareAuthenticator(), "Phone").then().statusCode(201)
                .extract().path("passkey.id");
        assertEquals(JSON.readTree("[\"" + account.passkeyId() + "\", \"" + second + "\"]"),
                signals(account).get("allAcceptedCredentialIds"));

        authorized(account.accessToken()).delete("/api/auth/passkeys/" + account.passkeyId()).then().statusCode(204);
        assertEquals(JSON.readTree("[\"" + second + "\"]"), signals(account).get("allAcceptedCredentialIds"),
                "a deleted passkey is no longer accepted");
    }

    @Test
    void theDisplayNameIsTheAccountsOwn() {
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        String username = uniqueUsername();
        var created = authenticator.create(json(PasskeyApi.registerOptions(null,
                Map.of("username", username, "displayName", "Ada Lovelace"))));
        String token = PasskeyApi.registerVerify(null, created, null).then().statusCode(201).extract().path("access_token");
        authorized(token).get("/api/auth/passkeys/signals").then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("name", org.hamcrest.Matchers.equalTo(username))
                .body("displayName", org.hamcrest.Matchers.equalTo("Ada Lovelace"));
    }

    @Test
    void theSignalsNeedAToken() {
        assertProblem(authorized(null).get("/api/auth/passkeys/signals"), 401, "unauthorized");
        assertProblem(authorized("not-a-token").get("/api/auth/passkeys/signals"), 401, "invalid_token");
    }

    private static JsonNode signals(Account account) {
        return json(authorized(account.accessToken()).get("/api/auth/passkeys/signals").then().statusCode(200)
                .contentType(ContentType.JSON).extract().response());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
