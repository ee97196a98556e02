package dev.passkeys.frontend;

import static dev.passkeys.testing.PasskeyApi.json;
import static dev.passkeys.testing.PasskeyApi.loginOptions;
import static dev.passkeys.testing.PasskeyApi.loginVerify;
import static dev.passkeys.testing.PasskeyApi.registerOptions;
import static dev.passkeys.testing.PasskeyApi.registerVerify;
import static dev.passkeys.testing.PasskeyApi.signUp;
import static dev.passkeys.testing.PasskeyApi.signUpOptions;
import static dev.passkeys.testing.PasskeyApi.uniqueUsername;
import static dev.passkeys.testing.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.passkeys.testing.CeremonyOptions;
import dev.passkeys.testing.PasskeyApi.Account;
import dev.passkeys.testing.SoftwareAuthenticator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** Related origins, native apps and hints, configured: the files they publish and the ceremonies they allow. */
@QuarkusTest
@TestProfile(FrontendsProfile.class)
class FrontendsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    // ---- Related origins ----

    @Test
    void theRelatedOriginsArePublishedAsTheWellKnownWebauthnFile() throws Exception {
        Response response = given().get("/.well-known/webauthn");
        response.then().statusCode(200).contentType(startsWith("application/json"));
        JsonNode file = JSON.readTree(response.asString());
        assertEquals(List.of("origins"), fieldNames(file));
        assertEquals(JSON.readTree("[\"" + FrontendsProfile.SHOP + "\", \"" + FrontendsProfile.UK + "\"]"),
                file.get("origins"));
    }

    @Test
    void aRelatedOriginSignsUpAndLogsIn() {
        CeremonyOptions shop = CeremonyOptions.defaults().withOrigin(FrontendsProfile.SHOP);
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        String username = uniqueUsername();
        ObjectNode options = signUpOptions(username);
        assertEquals("localhost", options.at("/rp/id").asText(), "a related origin uses the RP ID, not its own host");
        registerVerify(null, authenticator.create(options, shop), null).then().statusCode(201);

        loginVerify(authenticator.get(loginOptions(username), shop)).then().statusCode(200)
                .body("user.username", equalTo(username));
        loginVerify(authenticator.get(loginOptions(null), CeremonyOptions.defaults().withOrigin(FrontendsProfile.UK)))
                .then().statusCode(200);
    }

    @Test
    void anOriginNeitherOnTheRpIdNorRelatedIsStillRefused() {
        Account account = signUp(uniqueUsername());
        assertProblem(loginVerify(account.authenticator().get(loginOptions(account.username()),
                CeremonyOptions.defaults().withOrigin("https://evil.example.org"))), 401, "origin_mismatch");
    }

    // ---- Android ----

    @Test
    void anAssertionFromTheConfiguredAndroidAppSucceeds() {
        Account account = signUp(uniqueUsername());
        loginVerify(account.authenticator().get(loginOptions(account.username()),
                CeremonyOptions.defaults().withOrigin(FrontendsProfile.ANDROID_ORIGIN))).then().statusCode(200)
                .body("user.id", equalTo(account.userId()));
    }

    @Test
    void anAssertionFromAnotherAndroidAppIsRefused() {
        Account account = signUp(uniqueUsername());
        // The configured hash in standard base64 is another origin; so is the hash of a certificate that is in the
        // asset links but not in PASSKEY_ORIGINS.
        for (String origin : List.of("android:apk-key-hash:FG3pg8VzBlDY7rmVLzT8ZBagg0LmHb6oigSWsj/PROU",
                "android:apk-key-hash:qrvM3e7_ABEiM0RVZneImaq7zN3u_wARIjNEVWZ3iJk")) {
            assertProblem(loginVerify(account.authenticator().get(loginOptions(account.username()),
                    CeremonyOptions.defaults().withOrigin(origin))), 401, "origin_mismatch");
        }
    }

    @Test
    void theAndroidAppSignsUp() {
        ObjectNode created = new SoftwareAuthenticator().create(signUpOptions(uniqueUsername()),
                CeremonyOptions.defaults().withOrigin(FrontendsProfile.ANDROID_ORIGIN));
        registerVerify(null, created, "Pixel").then().statusCode(201);
    }

    @Test
    void assetLinksListEveryPackageWithItsFingerprints() throws Exception {
        Response response = given().get("/.well-known/assetlinks.json");
        response.then().statusCode(200).contentType(startsWith("application/json"));
        JsonNode statements = JSON.readTree(response.asString());
        assertEquals(JSON.readTree("""
                [{"relation": ["delegate_permission/common.handle_all_urls", "delegate_permission/common.get_login_creds"],
                  "target": {"namespace": "android_app", "package_name": "com.example.app",
                             "sha256_cert_fingerprints": ["%1$s", "%2$s"]}},
                 {"relation": ["delegate_permission/common.handle_all_urls", "delegate_permission/common.get_login_creds"],
                  "target": {"namespace": "android_app", "package_name": "com.example.wallet",
                             "sha256_cert_fingerprints": ["%1$s"]}}]
                """.formatted(FrontendsProfile.FINGERPRINT, FrontendsProfile.SECOND_FINGERPRINT)), statements);
    }

    // ---- Apple ----

    @Test
    void theAppleAppSiteAssociationListsTheWebCredentialsApps() throws Exception {
        Response response = given().get("/.well-known/apple-app-site-association");
        response.then().statusCode(200).contentType(startsWith("application/json"));
        assertEquals(JSON.readTree("""
                {"webcredentials": {"apps": ["ABCDE12345.com.example.app", "ABCDE12345.com.example.app.beta"]}}
                """), JSON.readTree(response.asString()));
    }

    // ---- CORS ----

    @Test
    void corsAllowsTheWebOriginsAndTheRelatedOnesButNoAndroidApp() {
        for (String origin : List.of("http://localhost:8080", FrontendsProfile.SHOP, FrontendsProfile.UK)) {
            preflight(origin).then()
                    .header("Access-Control-Allow-Origin", equalTo(origin))
                    .header("Access-Control-Allow-Headers", containsStringIgnoringCase("authorization"));
        }
        for (String origin : List.of(FrontendsProfile.ANDROID_ORIGIN, "https://evil.example.org")) {
            preflight(origin).then().header("Access-Control-Allow-Origin", nullValue());
        }
        given().header("Origin", FrontendsProfile.SHOP).contentType("application/json").body("{}")
                .post("/api/auth/passkey/login-options")
                .then().statusCode(200).header("Access-Control-Allow-Origin", equalTo(FrontendsProfile.SHOP));
    }

    // ---- Hints ----

    @Test
    void theHintsGoIntoBothKindsOfOptions() throws Exception {
        JsonNode hints = JSON.readTree("[\"client-device\", \"hybrid\"]");
        assertEquals(hints, signUpOptions(uniqueUsername()).get("hints"));
        assertEquals(hints, loginOptions(null).get("hints"));
        Account account = signUp(uniqueUsername());
        assertEquals(hints, loginOptions(account.username()).get("hints"));
        assertEquals(hints, json(registerOptions(account.accessToken(), Map.of())).get("hints"));
    }

    private static Response preflight(String origin) {
        return given().header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,authorization")
                .options("/api/auth/passkey/login-options");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
