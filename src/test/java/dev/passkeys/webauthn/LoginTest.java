package dev.passkeys.webauthn;

import static dev.passkeys.testing.PasskeyApi.addPasskey;
import static dev.passkeys.testing.PasskeyApi.json;
import static dev.passkeys.testing.PasskeyApi.login;
import static dev.passkeys.testing.PasskeyApi.loginOptions;
import static dev.passkeys.testing.PasskeyApi.loginVerify;
import static dev.passkeys.testing.PasskeyApi.signUp;
import static dev.passkeys.testing.PasskeyApi.uniqueUsername;
import static dev.passkeys.testing.Problems.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.passkeys.config.PasskeyConfig;
import dev.passkeys.testing.CeremonyOptions;
import dev.passkeys.testing.PasskeyApi;
import dev.passkeys.testing.PasskeyApi.Account;
import dev.passkeys.testing.SoftwareAuthenticator;
import dev.passkeys.token.ServerSecrets;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class LoginTest {

    @Inject
    ServerSecrets secrets;

    @Inject
    PasskeyConfig config;

    @Test
    void usernameFirstLoginReturnsATokenAndRecordsTheUse() {
        Account account = signUp(uniqueUsername());
        ObjectNode options = loginOptions(account.username());
        assertEquals("localhost", options.get("rpId").asText());
        assertEquals(account.passkeyId(), options.at("/allowCredentials/0/id").asText());
        assertEquals("preferred", options.get("userVerification").asText());

        Response response = loginVerify(account.authenticator().get(options));
        response.then().statusCode(200)
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(900))
                .body("refresh_token", org.hamcrest.Matchers.matchesPattern("[A-Za-z0-9_-]{43}"))
                .body("refresh_expires_in", equalTo(30 * 24 * 3600))
                .body("user.id", equalTo(account.userId()))
                .body("user.username", equalTo(account.username()));

        JsonNode passkey = passkeys(json(response).get("access_token").asText()).get(0);
        assertFalse(passkey.get("lastUsedAt").isNull(), "a login records lastUsedAt");
        assertEquals(1, account.authenticator().credentials().get(0).signCount());
    }

    @Test
    void usernamelessLoginFindsTheAccountByItsUserHandle() {
        Account account = signUp(uniqueUsername());
        ObjectNode options = loginOptions(null);
        assertTrue(options.get("allowCredentials").isEmpty());
        loginVerify(account.authenticator().get(options)).then().statusCode(200)
                .body("user.id", equalTo(account.userId()));
    }

    @Test
    void loginOptionsDoNotRevealWhetherAnAccountExists() {
        Account account = signUp(uniqueUsername());
        addPasskey(account, new SoftwareAuthenticator(), "phone").then().statusCode(201);
        ObjectNode known = loginOptions(account.username());
        ObjectNode unknown = loginOptions(uniqueUsername());

        assertEquals(2, known.get("allowCredentials").size(), "an account lists each of its passkeys");
        assertEquals(fieldNames(known), fieldNames(unknown));
        assertEquals(fieldNames(known.at("/allowCredentials/0")), fieldNames(unknown.at("/allowCredentials/0")));
        assertEquals(known.at("/allowCredentials/0/type"), unknown.at("/allowCredentials/0/type"));
    }

    @Test
    void anUnknownUsernameListsTheSameDecoysEveryTimeAndOnEveryReplica() {
        String ghost = uniqueUsername();
        JsonNode first = loginOptions(ghost).get("allowCredentials");
        assertEquals(first, loginOptions(ghost).get("allowCredentials"), "the same IDs, in the same order");
        assertEquals(first, loginOptions(ghost.toUpperCase()).get("allowCredentials"),
                "the username compared as an account's is");

        // Another replica: its own DecoyCredentials over the same database, with its own candidate key.
        List<String> replica = new DecoyCredentials(secrets, config).forUsername(ghost).stream()
                .map(descriptor -> descriptor.getId().getBase64Url()).toList();
        assertEquals(ids(first), replica);
    }

    @Test
    void unknownUsernamesListAsManyDecoysAsAccountsHavePasskeys() {
        Map<Integer, Integer> usernamesByCount = new TreeMap<>();
        for (int i = 0; i < 60; i++) {
            JsonNode decoys = loginOptions(uniqueUsername()).get("allowCredentials");
            assertEquals(decoys.size(), Set.copyOf(ids(decoys)).size(), "distinct IDs");
            usernamesByCount.merge(decoys.size(), 1, Integer::sum);
        }
        assertTrue(Set.of(1, 2, 3).containsAll(usernamesByCount.keySet()), "one to three decoys: " + usernamesByCount);
        assertTrue(usernamesByCount.size() > 1, "not always the same number: " + usernamesByCount);
        int ones = usernamesByCount.getOrDefault(1, 0);
        assertTrue(usernamesByCount.values().stream().allMatch(usernames -> usernames <= ones),
                "one passkey is the most common: " + usernamesByCount);
    }

    @Test
    void aReplayedAssertionIsRefused() {
        Account account = signUp(uniqueUsername());
        ObjectNode assertion = account.authenticator().get(loginOptions(account.username()));
        loginVerify(assertion).then().statusCode(200);
        assertProblem(loginVerify(assertion), 401, "challenge_expired");
    }

    @Test
    void aRegistrationChallengeCannotCompleteALogin() {
        Account account = signUp(uniqueUsername());
        String registrationChallenge = PasskeyApi.signUpOptions(uniqueUsername()).get("challenge").asText();
        ObjectNode assertion = account.authenticator().get(loginOptions(account.username()),
                CeremonyOptions.defaults().withChallenge(registrationChallenge));
        assertProblem(loginVerify(assertion), 401, "challenge_expired");
    }

    @Test
    void aWrongOriginIsRefused() {
        Account account = signUp(uniqueUsername());
        assertProblem(loginVerify(account.authenticator().get(loginOptions(account.username()),
                CeremonyOptions.defaults().withOrigin("https://evil.example"))), 401, "origin_mismatch");
    }

    @Test
    void aWrongRpIdHashIsRefused() {
        Account account = signUp(uniqueUsername());
        assertProblem(loginVerify(account.authenticator().get(loginOptions(account.username()),
                CeremonyOptions.defaults().withRpId("evil.example"))), 401, "rp_id_mismatch");
    }

    @Test
    void aBadSignatureIsRefusedAndChangesNothing() {
        Account account = signUp(uniqueUsername());
        assertProblem(loginVerify(account.authenticator().get(loginOptions(account.username()),
                CeremonyOptions.defaults().withCorruptedSignature())), 401, "signature_invalid");
        assertTrue(passkeys(account.accessToken()).get(0).get("lastUsedAt").isNull(),
                "a failed login leaves the passkey unchanged");
    }

    @Test
    void aCounterGoingBackwardsIsRefused() {
        Account account = signUp(uniqueUsername());
        loginVerify(account.authenticator().get(loginOptions(account.username()),
                CeremonyOptions.defaults().withSignCount(5))).then().statusCode(200);
        assertProblem(loginVerify(account.authenticator().get(loginOptions(account.username()),
                CeremonyOptions.defaults().withSignCount(3))), 401, "counter_regression");
        assertProblem(loginVerify(account.authenticator().get(loginOptions(account.username()),
                CeremonyOptions.defaults().withSignCount(5))), 401, "counter_regression");
        loginVerify(account.authenticator().get(loginOptions(account.username()),
                CeremonyOptions.defaults().withSignCount(6))).then().statusCode(200);
    }

    @Test
    void aCounterlessAuthenticatorCanLogInRepeatedly() {
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        Account account = PasskeyApi.signUp(uniqueUsername(), authenticator);
        for (int i = 0; i < 2; i++) {
            loginVerify(authenticator.get(loginOptions(account.username()), CeremonyOptions.defaults().withCounterless(true)))
                    .then().statusCode(200);
        }
    }

    @Test
    void anUnknownCredentialIsNamedSoTheFrontendCanSignalIt() {
        SoftwareAuthenticator stranger = new SoftwareAuthenticator();
        stranger.create(PasskeyApi.signUpOptions(uniqueUsername()));
        String id = stranger.credentials().get(0).id();
        assertProblem(loginVerify(stranger.get(loginOptions(null))), 401, "unknown_credential")
                .body("unknownCredentialId", equalTo(id));
    }

    @Test
    void anotherUsersCredentialCannotAnswerAUsernameFirstLogin() {
        Account alice = signUp(uniqueUsername());
        Account bob = signUp(uniqueUsername());
        ObjectNode options = loginOptions(alice.username());
        ObjectNode assertion = bob.authenticator().get(options,
                CeremonyOptions.defaults().withCredentialId(bob.passkeyId()));
        assertProblem(loginVerify(assertion), 401, "credential_not_allowed");
    }

    @Test
    void aUserHandleThatIsNotTheCredentialOwnersIsRefused() {
        Account alice = signUp(uniqueUsername());
        Account bob = signUp(uniqueUsername());
        String bobHandle = bob.authenticator().credentials().get(0).userHandle();
        assertProblem(loginVerify(alice.authenticator().get(loginOptions(null),
                CeremonyOptions.defaults().withUserHandle(bobHandle))), 401, "user_handle_mismatch");
    }

    @Test
    void aUsernamelessLoginNeedsTheUserHandle() {
        Account account = signUp(uniqueUsername());
        assertProblem(loginVerify(account.authenticator().get(loginOptions(null),
                CeremonyOptions.defaults().withoutUserHandle())), 401, "user_handle_missing");
    }

    @Test
    void tokensSayWhetherTheUserWasVerified() {
        Account account = signUp(uniqueUsername());
        String verified = json(login(account)).get("access_token").asText();
        String presentOnly = json(loginVerify(account.authenticator().get(loginOptions(account.username()),
                CeremonyOptions.defaults().withUserVerified(false)))).get("access_token").asText();
        assertEquals(List.of("pop", "mfa"), dev.passkeys.testing.Jwts.claims(verified).get("amr"));
        assertEquals(List.of("pop", "user"), dev.passkeys.testing.Jwts.claims(presentOnly).get("amr"));
    }

    @Test
    void malformedLoginBodiesAreRefused() {
        assertProblem(loginVerify(new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()), 400, "invalid_request");
        assertProblem(PasskeyApi.authorized(null).contentType("application/json").body(Map.of("username", List.of("x")))
                .post(PasskeyApi.BASE + "/login-options"), 400, "invalid_request");
    }

    private static JsonNode passkeys(String token) {
        return json(PasskeyApi.authorized(token).get("/api/auth/passkeys").then().statusCode(200).extract().response())
                .get("passkeys");
    }

    private static List<String> ids(JsonNode allowCredentials) {
        List<String> ids = new java.util.ArrayList<>();
        allowCredentials.forEach(descriptor -> ids.add(descriptor.get("id").asText()));
        return ids;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names.stream().sorted().toList();
    }
}
