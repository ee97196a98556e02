package dev.passkeys.audit;

import static dev.passkeys.testing.AuditEvents.types;
import static dev.passkeys.testing.PasskeyApi.addPasskey;
import static dev.passkeys.testing.PasskeyApi.json;
import static dev.passkeys.testing.PasskeyApi.loginOptions;
import static dev.passkeys.testing.PasskeyApi.loginVerify;
import static dev.passkeys.testing.PasskeyApi.signUp;
import static dev.passkeys.testing.PasskeyApi.uniqueUsername;
import static dev.passkeys.testing.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.passkeys.api.Client;
import dev.passkeys.testing.AuditEvents;
import dev.passkeys.testing.CeremonyOptions;
import dev.passkeys.testing.PasskeyApi;
import dev.passkeys.testing.PasskeyApi.Account;
import dev.passkeys.testing.SoftwareAuthenticator;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AuditTrailTest {

    @Inject
    AuditStore store;

    @Inject
    AuditPruning pruning;

    @Inject
    AuditTrail trail;

    @Test
    void aUsersSecurityEventsArePagedNewestFirst() {
        Account account = signUp(uniqueUsername());
        AuditEvents.await(account.accessToken(), 1);
        PasskeyApi.login(account).then().statusCode(200);
        AuditEvents.await(account.accessToken(), 2);
        assertProblem(loginVerify(account.authenticator().get(loginOptions(account.username()),
                CeremonyOptions.defaults().withCorruptedSignature())), 401, "signature_invalid");
        AuditEvents.await(account.accessToken(), 3);
        String second = json(addPasskey(account, new SoftwareAuthenticator(), null).then().statusCode(201).extract()
                .response()).at("/passkey/id").asText();
        AuditEvents.await(account.accessToken(), 4);
        PasskeyApi.authorized(account.accessToken()).contentType("application/json").body("{\"name\": \"Old phone\"}")
                .patch("/api/auth/passkeys/" + second).then().statusCode(200);
        AuditEvents.await(account.accessToken(), 5);
        PasskeyApi.authorized(account.accessToken()).delete("/api/auth/passkeys/" + second).then().statusCode(204);

        List<JsonNode> events = AuditEvents.await(account.accessToken(), 6);
        assertEquals(List.of("passkey_deleted", "passkey_renamed", "passkey_added", "login_failure", "login_success",
                "sign_up"), types(events));
        JsonNode failure = events.get(3);
        assertEquals("signature_invalid", failure.get("reason").asText());
        assertEquals(account.passkeyId(), failure.get("credentialId").asText());
        assertEquals("127.0.0.1", failure.get("clientIp").asText());
        assertFalse(failure.get("userAgent").isNull(), "the user agent is recorded");
        assertEquals(second, events.get(0).get("credentialId").asText());
        assertFalse(events.toString().contains(account.accessToken()), "never a token");

        JsonNode first = page(account.accessToken(), null, 4);
        assertEquals(4, first.get("events").size());
        JsonNode last = page(account.accessToken(), first.get("nextCursor").asText(), 4);
        assertEquals(List.of("login_success", "sign_up"), types(iterable(last.get("events"))));
        assertTrue(last.get("nextCursor").isNull());
    }

    @Test
    void aUserSeesOnlyTheirOwnEvents() {
        Account alice = signUp(uniqueUsername());
        Account bob = signUp(uniqueUsername());
        PasskeyApi.login(bob).then().statusCode(200);
        AuditEvents.await(bob.accessToken(), 2);
        List<JsonNode> events = AuditEvents.await(alice.accessToken(), 1);
        assertEquals(List.of("sign_up"), types(events));
        assertEquals(alice.passkeyId(), events.get(0).get("credentialId").asText());
    }

    @Test
    void malformedPagingIsRefusedAndATokenIsRequired() {
        Account account = signUp(uniqueUsername());
        for (String[] query : new String[][] { { "limit", "0" }, { "limit", "101" }, { "limit", "ten" },
                { "before", "abc" }, { "before", "-5" } }) {
            assertProblem(PasskeyApi.authorized(account.accessToken()).queryParam(query[0], query[1])
                    .get("/api/auth/events"), 400, "invalid_request");
        }
        assertProblem(given().get("/api/auth/events"), 401, "unauthorized");
    }

    @Test
    void expiredEventsArePruned() {
        UUID user = UUID.randomUUID();
        Client client = new Client("192.0.2.1", "test");
        AuditEvent login = AuditEvent.of(AuditEventType.LOGIN_SUCCESS, user, null, client);
        store.insertAll(List.of(new AuditTrail.Occurrence(login, Instant.now().minus(Duration.ofDays(91))),
                new AuditTrail.Occurrence(login, Instant.now().minus(Duration.ofDays(89))))).await().indefinitely();

        pruning.prune().await().indefinitely();
        assertEquals(1, store.page(user, null, 10).await().indefinitely().size(), "only the expired event is gone");
    }

    @Test
    void aBurstOfEventsIsWrittenWholeAndInOrder() throws InterruptedException {
        UUID user = UUID.randomUUID();
        int burst = 40;
        for (int i = 0; i < burst; i++) {
            // Every other event without a credential, a reason or a client: null columns travel in the batch too.
            trail.record(i % 2 == 0
                    ? new AuditEvent(AuditEventType.LOGIN_FAILURE, user, "cred-" + i, "reason-" + i,
                            new Client("192.0.2." + i, "agent " + i))
                    : new AuditEvent(AuditEventType.LOGIN_SUCCESS, user, null, null, null));
        }
        List<AuditEventView> events = List.of();
        for (long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                events.size() < burst && System.nanoTime() < deadline;) {
            Thread.sleep(20);
            events = store.page(user, null, 100).await().indefinitely();
        }
        assertEquals(burst, events.size(), "every event of the burst is written");
        for (int i = 0; i < burst; i++) {
            AuditEventView event = events.get(burst - 1 - i); // newest first
            if (i % 2 == 0) {
                assertEquals("login_failure", event.type());
                assertEquals("cred-" + i, event.credentialId());
                assertEquals("reason-" + i, event.reason());
                assertEquals("192.0.2." + i, event.clientIp());
                assertEquals("agent " + i, event.userAgent());
            } else {
                assertEquals("login_success", event.type());
                assertNull(event.credentialId());
                assertNull(event.clientIp());
            }
        }
    }

    private static JsonNode page(String token, String before, int limit) {
        var request = PasskeyApi.authorized(token).queryParam("limit", limit);
        if (before != null) {
            request = request.queryParam("before", before);
        }
        return json(request.get("/api/auth/events").then().statusCode(200).extract().response());
    }

    private static List<JsonNode> iterable(JsonNode array) {
        List<JsonNode> nodes = new java.util.ArrayList<>();
        array.forEach(nodes::add);
        return nodes;
    }
}
