package dev.passkeys.account;

import static dev.passkeys.testing.PasskeyApi.addPasskey;
import static dev.passkeys.testing.PasskeyApi.authorized;
import static dev.passkeys.testing.PasskeyApi.signUp;
import static dev.passkeys.testing.PasskeyApi.uniqueUsername;
import static dev.passkeys.testing.Problems.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.passkeys.testing.CeremonyOptions;
import dev.passkeys.testing.PasskeyApi;
import dev.passkeys.testing.PasskeyApi.Account;
import dev.passkeys.testing.SoftwareAuthenticator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import com.fasterxml.jackson.databind.node.ObjectNode;

@QuarkusTest
class AccountResourceTest {

    @Test
    void meIsTheSignedInUser() {
        Account account = signUp(uniqueUsername());
        authorized(account.accessToken()).get("/api/auth/me").then().statusCode(200)
                .body("id", equalTo(account.userId()))
                .body("username", equalTo(account.username()))
                .body("displayName", equalTo(account.username()))
                .body("createdAt", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void passkeysAreListedOldestFirstAndCanBeRenamed() {
        Account account = signUp(uniqueUsername());
        String second = addPasskey(account, new SoftwareAuthenticator(), "Second").then().statusCode(201)
                .extract().path("passkey.id");
        authorized(account.accessToken()).get("/api/auth/passkeys").then().statusCode(200)
                .body("passkeys", hasSize(2))
                .body("passkeys[0].id", equalTo(account.passkeyId()))
                .body("passkeys[1].id", equalTo(second))
                .body("passkeys[1].transports", hasSize(2));

        rename(account, second, Map.of("name", "  Work phone ")).then().statusCode(200)
                .body("id", equalTo(second)).body("name", equalTo("Work phone"));
        assertProblem(rename(account, second, Map.of("name", "")), 400, "invalid_name");
        assertProblem(rename(account, second, Map.of()), 400, "invalid_name");
        assertProblem(rename(account, second, Map.of("name", 7)), 400, "invalid_request");
    }

    @Test
    void aPasskeyNamesItsProviderWhenItsAaguidIsKnown() {
        Account account = signUp(uniqueUsername());
        ObjectNode options = PasskeyApi.json(PasskeyApi.registerOptions(account.accessToken(), Map.of())
                .then().statusCode(200).extract().response());
        ObjectNode bitwarden = new SoftwareAuthenticator().create(options,
                CeremonyOptions.defaults().withAaguid(UUID.fromString("d548826e-79b4-db40-a3d8-11116f7e8349")));
        String second = PasskeyApi.registerVerify(account.accessToken(), bitwarden, "Vault").then().statusCode(201)
                .body("passkey.provider", equalTo("Bitwarden")).extract().path("passkey.id");

        authorized(account.accessToken()).get("/api/auth/passkeys").then().statusCode(200)
                .body("passkeys[0].id", equalTo(account.passkeyId()))
                .body("passkeys[0].aaguid", equalTo("00000000-0000-0000-0000-000000000000"))
                .body("passkeys[0]", hasKey("provider"))
                .body("passkeys[0].provider", nullValue())
                .body("passkeys[1].id", equalTo(second))
                .body("passkeys[1].name", equalTo("Vault"))
                .body("passkeys[1].provider", equalTo("Bitwarden"));
        rename(account, second, Map.of("name", "Work vault")).then().statusCode(200)
                .body("provider", equalTo("Bitwarden"));
    }

    @Test
    void theLastPasskeyCannotBeDeleted() {
        Account account = signUp(uniqueUsername());
        assertProblem(delete(account, account.passkeyId()), 409, "last_passkey");
        String second = addPasskey(account, new SoftwareAuthenticator(), null).then().statusCode(201)
                .extract().path("passkey.id");
        delete(account, account.passkeyId()).then().statusCode(204);
        authorized(account.accessToken()).get("/api/auth/passkeys").then()
                .body("passkeys", hasSize(1)).body("passkeys[0].id", equalTo(second));
        assertProblem(delete(account, second), 409, "last_passkey");
        assertProblem(delete(account, account.passkeyId()), 404, "not_found");
    }

    @Test
    void anotherUsersPasskeyIsNotFound() {
        Account alice = signUp(uniqueUsername());
        Account bob = signUp(uniqueUsername());
        addPasskey(bob, new SoftwareAuthenticator(), null).then().statusCode(201);
        assertProblem(delete(alice, bob.passkeyId()), 404, "not_found");
        assertProblem(rename(alice, bob.passkeyId(), Map.of("name", "mine now")), 404, "not_found");
        assertProblem(delete(alice, "no-such-passkey"), 404, "not_found");
    }

    private static io.restassured.response.Response rename(Account account, String id, Object body) {
        return authorized(account.accessToken()).contentType(ContentType.JSON).body(body).patch("/api/auth/passkeys/" + id);
    }

    private static io.restassured.response.Response delete(Account account, String id) {
        return authorized(account.accessToken()).delete("/api/auth/passkeys/" + id);
    }
}
