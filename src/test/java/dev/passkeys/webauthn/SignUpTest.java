package dev.passkeys.webauthn;

import static dev.passkeys.testing.PasskeyApi.json;
import static dev.passkeys.testing.PasskeyApi.registerOptions;
import static dev.passkeys.testing.PasskeyApi.registerVerify;
import static dev.passkeys.testing.PasskeyApi.signUpOptions;
import static dev.passkeys.testing.PasskeyApi.uniqueUsername;
import static dev.passkeys.testing.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.passkeys.testing.CeremonyOptions;
import dev.passkeys.testing.PasskeyApi;
import dev.passkeys.testing.Race;
import dev.passkeys.testing.SoftwareAuthenticator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class SignUpTest {

    @Test
    void signUpOptionsAreUsableCreationOptions() {
        String username = uniqueUsername();
        ObjectNode options = signUpOptions(username);

        assertEquals("localhost", options.at("/rp/id").asText());
        assertEquals(username, options.at("/user/name").asText());
        assertEquals(username, options.at("/user/displayName").asText(), "displayName defaults to the username");
        byte[] userHandle = Base64.getUrlDecoder().decode(options.at("/user/id").asText());
        assertEquals(32, userHandle.length);
        assertNotEquals(username, new String(userHandle, StandardCharsets.UTF_8));
        assertTrue(Base64.getUrlDecoder().decode(options.get("challenge").asText()).length >= 16);
        List<Integer> algorithms = StreamSupport.stream(options.get("pubKeyCredParams").spliterator(), false)
                .map(p -> p.get("alg").asInt()).toList();
        assertTrue(algorithms.containsAll(List.of(-7, -8, -257)), algorithms.toString());
        assertEquals("required", options.at("/authenticatorSelection/residentKey").asText());
        assertEquals("none", options.get("attestation").asText());
        assertTrue(options.get("excludeCredentials").isArray());
        assertEquals(300_000, options.get("timeout").asInt());
    }

    @Test
    void signUpCreatesTheUserAndPasskeyAndSignsIn() {
        String username = "  " + uniqueUsername() + " ";
        ObjectNode options = json(registerOptions(null, Map.of("username", username, "displayName", "Alice A."))
                .then().statusCode(200).extract().response());
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        Response response = registerVerify(null, authenticator.create(options), "My laptop");

        response.then().statusCode(201);
        JsonNode body = json(response);
        assertEquals(username.strip(), body.at("/user/username").asText(), "usernames are trimmed");
        assertEquals("Alice A.", body.at("/user/displayName").asText());
        assertTrue(body.at("/user/createdAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*"));
        assertEquals(authenticator.credentials().get(0).id(), body.at("/passkey/id").asText());
        assertEquals("My laptop", body.at("/passkey/name").asText());
        assertEquals("singleDevice", body.at("/passkey/deviceType").asText());
        assertTrue(body.at("/passkey/lastUsedAt").isNull());
        assertEquals("Bearer", body.get("token_type").asText());
        assertEquals(900, body.get("expires_in").asInt());
        assertTrue(body.get("refresh_token").asText().matches("[A-Za-z0-9_-]{43}"));
        assertEquals(30 * 24 * 3600, body.get("refresh_expires_in").asLong());

        PasskeyApi.authorized(body.get("access_token").asText()).get("/api/auth/me")
                .then().statusCode(200).body("id", org.hamcrest.Matchers.equalTo(body.at("/user/id").asText()));
    }

    @Test
    void aSyncedPasskeyFromAKnownProviderIsNamedAfterIt() {
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        ObjectNode created = authenticator.create(signUpOptions(uniqueUsername()), CeremonyOptions.defaults()
                .withAaguid(java.util.UUID.fromString("ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4"))
                .withBackupEligible(true).withBackedUp(true));
        JsonNode passkey = json(registerVerify(null, created, null).then().statusCode(201).extract().response()).get("passkey");
        assertEquals("Google Password Manager", passkey.get("name").asText());
        assertEquals("multiDevice", passkey.get("deviceType").asText());
        assertTrue(passkey.get("backupEligible").asBoolean() && passkey.get("backedUp").asBoolean());
        assertEquals("ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4", passkey.get("aaguid").asText());
    }

    @Test
    void aTakenUsernameIsRefusedWhateverItsCase() {
        String username = uniqueUsername();
        PasskeyApi.signUp(username);
        assertProblem(registerOptions(null, Map.of("username", username.toUpperCase())), 409, "username_taken");
    }

    @Test
    void twoSignUpsRacingForOneUsernameLeaveOneWinner() throws Exception {
        String username = uniqueUsername();
        ObjectNode first = new SoftwareAuthenticator().create(signUpOptions(username));
        ObjectNode second = new SoftwareAuthenticator().create(signUpOptions(username.toUpperCase()));

        Race.exactlyOneWins(List.of(() -> registerVerify(null, first, null), () -> registerVerify(null, second, null)),
                201, 409, "username_taken");
    }

    @Test
    void aReplayedRegistrationIsRefused() {
        ObjectNode created = new SoftwareAuthenticator().create(signUpOptions(uniqueUsername()));
        registerVerify(null, created, null).then().statusCode(201);
        assertProblem(registerVerify(null, created, null), 400, "challenge_expired");
    }

    @Test
    void aLoginChallengeCannotCompleteARegistration() {
        ObjectNode options = signUpOptions(uniqueUsername());
        String loginChallenge = PasskeyApi.loginOptions(null).get("challenge").asText();
        ObjectNode created = new SoftwareAuthenticator().create(options, CeremonyOptions.defaults().withChallenge(loginChallenge));
        assertProblem(registerVerify(null, created, null), 400, "challenge_expired");
    }

    @Test
    void aFailedSignUpLeavesNoUserBehind() {
        String username = uniqueUsername();
        ObjectNode created = new SoftwareAuthenticator().create(signUpOptions(username),
                CeremonyOptions.defaults().withOrigin("https://evil.example"));
        assertProblem(registerVerify(null, created, null), 400, "origin_mismatch");
        registerOptions(null, Map.of("username", username)).then().statusCode(200);
    }

    @Test
    void aWrongRpIdIsRefused() {
        ObjectNode created = new SoftwareAuthenticator().create(signUpOptions(uniqueUsername()),
                CeremonyOptions.defaults().withRpId("evil.example"));
        assertProblem(registerVerify(null, created, null), 400, "rp_id_mismatch");
    }

    @Test
    void theWrongClientDataTypeIsRefused() {
        ObjectNode created = new SoftwareAuthenticator().create(signUpOptions(uniqueUsername()),
                CeremonyOptions.defaults().withClientDataType("webauthn.get"));
        assertProblem(registerVerify(null, created, null), 400, "client_data_type_mismatch");
    }

    @Test
    void withoutUserPresenceTheRegistrationIsRefused() {
        ObjectNode created = new SoftwareAuthenticator().create(signUpOptions(uniqueUsername()),
                CeremonyOptions.defaults().withUserPresent(false));
        assertProblem(registerVerify(null, created, null), 400, "user_not_present");
    }

    @Test
    void aCredentialIdAlreadyRegisteredIsRefused() {
        PasskeyApi.Account existing = PasskeyApi.signUp(uniqueUsername());
        String username = uniqueUsername();
        ObjectNode created = new SoftwareAuthenticator().create(signUpOptions(username),
                CeremonyOptions.defaults().withCredentialId(existing.passkeyId()));
        assertProblem(registerVerify(null, created, null), 400, "credential_already_registered");
        // All or nothing: the refused sign-up left no account behind, so the username is still free.
        registerOptions(null, Map.of("username", username)).then().statusCode(200);
        PasskeyApi.login(existing).then().statusCode(200);
    }

    @Test
    void usernamesAreChecked() {
        for (String bad : List.of("", "   ", "a".repeat(65), "bad\u0000name", "tab\tname")) {
            assertProblem(registerOptions(null, Map.of("username", bad)), 400, "invalid_username");
        }
        assertProblem(registerOptions(null, Map.of()), 400, "invalid_username");
        registerOptions(null, Map.of("username", "é".repeat(64))).then().statusCode(200);
        assertProblem(registerOptions(null, Map.of("username", uniqueUsername(), "displayName", "x".repeat(65))),
                400, "invalid_display_name");
    }

    @Test
    void passkeyNamesAreChecked() {
        ObjectNode created = new SoftwareAuthenticator().create(signUpOptions(uniqueUsername()));
        assertProblem(registerVerify(null, created, "n".repeat(65)), 400, "invalid_name");
        registerVerify(null, created, "fine").then().statusCode(201);
    }
}
