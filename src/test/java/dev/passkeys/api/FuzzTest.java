package dev.passkeys.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.yubico.webauthn.data.PublicKeyCredential;
import org.junit.jupiter.api.Test;

import dev.passkeys.testing.Mutator;
import dev.passkeys.testing.PasskeyApi;
import dev.passkeys.testing.SoftwareAuthenticator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Thousands of malformed, truncated and mutated requests, from a seeded generator (set {@code -Dfuzz.seed} to replay
 * a run, {@code -Dfuzz.cases} to scale it): valid ceremonies made with the {@link SoftwareAuthenticator} are mutated
 * and sent to the four ceremony endpoints and token refresh. Every answer to a broken request is a 4xx problem
 * document with a {@code code}, never a 500, and the accounts, passkeys (their counters too) and sessions are the
 * same afterwards.
 */
@QuarkusTest
class FuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 0x5eed_2026L);
    /** Cases per endpoint: about five requests each in all. */
    private static final int CASES = Integer.getInteger("fuzz.cases", 300);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The members of an assertion whose change must make the login fail (the rest are hints servers may ignore). */
    private static final List<String> ASSERTION_MEMBERS = List.of("/response/clientDataJSON",
            "/response/authenticatorData", "/response/signature", "/response/userHandle", "/id", "/response", "/type");

    @Inject
    Pool pool;

    private final Mutator mutator = new Mutator(SEED);
    private final List<String> failures = new ArrayList<>();

    @Test
    void noMalformedRequestGetsA500OrChangesTheDatabase() {
        PasskeyApi.Account account = PasskeyApi.signUp(PasskeyApi.uniqueUsername());
        SoftwareAuthenticator registering = new SoftwareAuthenticator();
        List<ObjectNode> signUps = signUpsOfATakenUsername(registering);
        Map<String, Object> before = databaseState();

        fuzzRegisterVerify(registering, signUps);
        fuzzLoginVerify(account.authenticator());
        fuzzOptions("/register-options");
        fuzzOptions("/login-options");
        fuzzRefresh(account.refreshToken());
        fuzzOversizedBodies();

        assertTrue(failures.isEmpty(), failures.size() + " answers broke the contract (seed " + SEED + "):\n"
                + String.join("\n", failures.subList(0, Math.min(40, failures.size()))));
        assertEquals(before, databaseState(), "the fuzzing changed accounts, passkeys or sessions");
        PasskeyApi.refresh(account.refreshToken()).then().statusCode(200);
        PasskeyApi.login(account).then().statusCode(200);
    }

    /**
     * Sign-up responses for a username that is taken by the time they arrive: the challenges are issued first,
     * then one of them signs up. A response that survives its mutation still ends as 409 username_taken, after
     * every verification ran, so nothing can be stored.
     */
    private static List<ObjectNode> signUpsOfATakenUsername(SoftwareAuthenticator authenticator) {
        String username = PasskeyApi.uniqueUsername();
        List<ObjectNode> options = new ArrayList<>();
        for (int i = 0; i <= CASES; i++) {
            options.add(PasskeyApi.signUpOptions(username));
        }
        PasskeyApi.registerVerify(null, authenticator.create(options.remove(0)), null).then().statusCode(201);
        return options;
    }

    private void fuzzRegisterVerify(SoftwareAuthenticator authenticator, List<ObjectNode> options) {
        for (ObjectNode creation : options) {
            ObjectNode credential = authenticator.create(creation);
            if (mutator.random().nextInt(10) == 0) {
                String body = mangled(credential);
                expectRefused("register-verify raw " + abbreviate(body), raw("/register-verify", body));
                continue;
            }
            Mutator.Mutant mutant = mutator.mutate(credential, Mutator.pointers(credential));
            expectRefused("register-verify " + mutant.description(), verify("/register-verify", mutant.credential()));
        }
    }

    /** Usernameless logins (so a missing userHandle is an error too), each with its own fresh challenge. */
    private void fuzzLoginVerify(SoftwareAuthenticator authenticator) {
        for (int i = 0; i < CASES; i++) {
            ObjectNode credential = authenticator.get(PasskeyApi.loginOptions(null));
            if (mutator.random().nextInt(10) == 0) {
                String body = mangled(credential);
                expectRefused("login-verify raw " + abbreviate(body), raw("/login-verify", body));
                continue;
            }
            Mutator.Mutant mutant = mutator.mutate(credential, ASSERTION_MEMBERS);
            if (mutant.description().startsWith("/id")) {
                mutant.credential().set("rawId", mutant.credential().get("id"));
            }
            if (sameAssertion(credential, mutant.credential())) {
                continue; // another spelling of the same assertion: rightly accepted, no fuzz case
            }
            expectRefused("login-verify " + mutant.description(), verify("/login-verify", mutant.credential()));
        }
    }

    /**
     * Whether Yubico's own parser reads both as the same assertion (its members, authenticatorAttachment aside): the
     * service then rightly accepts the mutant, whatever its spelling.
     */
    private static boolean sameAssertion(JsonNode original, JsonNode mutant) {
        try {
            var a = PublicKeyCredential.parseAssertionResponseJson(original.toString());
            var b = PublicKeyCredential.parseAssertionResponseJson(mutant.toString());
            return a.getId().equals(b.getId()) && a.getResponse().equals(b.getResponse())
                    && a.getClientExtensionResults().equals(b.getClientExtensionResults()) && a.getType() == b.getType();
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    /** Members of a credential that a relying party reads; authenticatorAttachment is an unverified client hint. */
    private static final List<String> READ_MEMBERS = List.of("id", "rawId", "type", "response", "clientExtensionResults");

    /**
     * The credential as the service reads it: only the members it reads (an unknown member, or a hint whose unknown
     * value WebAuthn says to ignore, is no change), each text in its canonical base64url form.
     */
    private static JsonNode verified(JsonNode credential) {
        if (!(credential instanceof ObjectNode object)) {
            return Mutator.canonical(credential);
        }
        ObjectNode read = JSON.createObjectNode();
        READ_MEMBERS.stream().filter(object::has).forEach(member -> read.set(member, object.get(member)));
        return Mutator.canonical(read);
    }

    /**
     * The JSON text of a verify body, truncated or with a character changed or inserted: mangled until it is no
     * longer the same credential (an inserted member the service ignores leaves a valid request).
     */
    private String mangled(ObjectNode credential) {
        String original = JSON.createObjectNode().set("credential", credential).toString();
        while (true) {
            String body = mutator.mangleJson(original);
            try {
                JsonNode parsed = JSON.readTree(body);
                if (parsed != null && (verified(parsed.path("credential")).equals(verified(credential))
                        || sameAssertion(credential, parsed.path("credential")))) {
                    continue;
                }
            } catch (java.io.IOException e) {
                // not JSON any more: a fuzz case
            }
            return body;
        }
    }

    /** Options requests: a well-formed one may succeed (nothing is stored), a broken one is a 4xx problem. */
    private void fuzzOptions(String path) {
        for (int i = 0; i < CASES / 2; i++) {
            ObjectNode body = NODES.objectNode().put("username", PasskeyApi.uniqueUsername()).put("displayName", "Fuzz");
            String text;
            String description;
            if (mutator.random().nextInt(4) == 0) {
                text = mutator.mangleJson(body.toString());
                description = "raw";
            } else {
                Mutator.Mutant mutant = mutator.mutate(body, List.of("/username", "/displayName", "/mediation"));
                text = Mutator.json(mutant.credential());
                description = mutant.description();
            }
            Response response = raw(path, text);
            if (response.statusCode() != 200) {
                expectProblem(path + " " + description + " " + abbreviate(text), response);
            }
        }
    }

    /** Mutations of a live refresh token, and bodies that are no refresh request at all. */
    private void fuzzRefresh(String refreshToken) {
        for (int i = 0; i < CASES; i++) {
            ObjectNode body = NODES.objectNode().put("refresh_token", refreshToken);
            String text;
            String description;
            int kind = mutator.random().nextInt(4);
            if (kind == 0) {
                text = mutator.mangleJson(body.toString());
                description = "raw";
            } else if (kind == 1) {
                byte[] token = java.util.Base64.getUrlDecoder().decode(refreshToken);
                byte[] mutated = mutator.mutateBytes(token);
                if (java.util.Arrays.equals(token, mutated)) {
                    continue;
                }
                text = body.put("refresh_token", java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(mutated))
                        .toString();
                description = "token bytes";
            } else {
                Mutator.Mutant mutant = mutator.mutate(body, List.of("/refresh_token"));
                text = Mutator.json(mutant.credential());
                description = mutant.description();
            }
            if (text.contains(refreshToken)) {
                continue; // an unchanged token would rotate the session: no fuzz case
            }
            expectRefused("refresh " + description + " " + abbreviate(text),
                    given().contentType(ContentType.JSON).body(text).post("/api/auth/token/refresh"));
        }
    }

    private void fuzzOversizedBodies() {
        String huge = "{\"credential\": {\"id\": \"" + "A".repeat(70_000 + mutator.random().nextInt(1_000_000)) + "\"}}";
        for (String path : List.of("/register-options", "/register-verify", "/login-options", "/login-verify")) {
            expectRefused(path + " oversized", raw(path, huge));
        }
        expectRefused("refresh oversized", given().contentType(ContentType.JSON).body(huge).post("/api/auth/token/refresh"));
    }

    private void expectRefused(String what, Response response) {
        int status = response.statusCode();
        if (status < 400 || status >= 500) {
            failures.add(status + " for " + what + ": " + abbreviate(response.asString()));
            return;
        }
        expectProblem(what, response);
    }

    private void expectProblem(String what, Response response) {
        int status = response.statusCode();
        String contentType = String.valueOf(response.contentType());
        String code = null;
        try {
            JsonNode body = JSON.readTree(response.asString());
            code = body.path("code").isTextual() ? body.get("code").asText() : null;
        } catch (java.io.IOException e) {
            // reported below
        }
        if (status < 400 || status >= 500 || !contentType.startsWith("application/problem+json") || code == null) {
            failures.add(status + " " + contentType + " for " + what + ": " + abbreviate(response.asString()));
        }
    }

    /** Row counts of the account and session tables, and every passkey's signature counter. */
    private Map<String, Object> databaseState() {
        Map<String, Object> state = new LinkedHashMap<>();
        for (String table : List.of("users", "passkeys", "session_families", "refresh_tokens")) {
            state.put(table, query("SELECT count(*) FROM " + table, row -> row.getLong(0)));
        }
        state.put("counters", query("SELECT string_agg(credential_id || '=' || signature_count || '/' || backed_up, ',' "
                + "ORDER BY credential_id) FROM passkeys", row -> row.getString(0)));
        state.put("revoked", query("SELECT count(*) FROM session_families WHERE revoked_at IS NOT NULL",
                row -> row.getLong(0)));
        return state;
    }

    private <T> T query(String sql, java.util.function.Function<Row, T> read) {
        return read.apply(pool.query(sql).execute().await().indefinitely().iterator().next());
    }

    private static Response raw(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).post(PasskeyApi.BASE + path);
    }

    private static Response verify(String path, JsonNode credential) {
        ObjectNode body = NODES.objectNode();
        body.set("credential", credential);
        return raw(path, Mutator.json(body));
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
