package dev.passkeys.admin;

import static dev.passkeys.testing.AdminApi.admin;
import static dev.passkeys.testing.AdminApi.enroll;
import static dev.passkeys.testing.AdminApi.enrollmentOptions;
import static dev.passkeys.testing.AdminApi.newUser;
import static dev.passkeys.testing.AdminApi.ticket;
import static dev.passkeys.testing.AdminApi.ticketResponse;
import static dev.passkeys.testing.AdminApi.uniqueExternalId;
import static dev.passkeys.testing.PasskeyApi.authorized;
import static dev.passkeys.testing.PasskeyApi.json;
import static dev.passkeys.testing.PasskeyApi.login;
import static dev.passkeys.testing.PasskeyApi.registerOptions;
import static dev.passkeys.testing.PasskeyApi.registerVerify;
import static dev.passkeys.testing.PasskeyApi.uniqueUsername;
import static dev.passkeys.testing.Problems.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.passkeys.testing.AdminApi;
import dev.passkeys.testing.PasskeyApi.Account;
import dev.passkeys.testing.Race;
import dev.passkeys.testing.SoftwareAuthenticator;
import dev.passkeys.testing.Tables;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** Enrollment tickets: a user of the admin API adds a passkey without a token; single use, expiry, races. */
@QuarkusTest
@TestProfile(AdminApi.Keys.class)
class EnrollmentTicketTest {

    @Inject
    AgroalDataSource dataSource;

    private Tables tables;

    @BeforeEach
    void tables() {
        tables = new Tables(dataSource);
    }

    @Test
    void aTicketEnrollsAPasskeyAndSignsTheUserIn() {
        String username = uniqueUsername();
        String id = newUser(username, uniqueExternalId());
        Response issued = ticketResponse(id);
        issued.then().statusCode(201).body("ticket", notNullValue()).body("expiresAt", notNullValue());
        String ticket = issued.jsonPath().getString("ticket");
        Instant expiresAt = Instant.parse(issued.jsonPath().getString("expiresAt"));
        assertTrue(expiresAt.isAfter(Instant.now().plus(Duration.ofMinutes(14))), "PASSKEY_ENROLLMENT_TTL: 15 minutes");
        assertEquals(0, tables.count("select count(*) from enrollment_tickets where ticket_hash = ?", ticket),
                "the ticket itself is never stored");
        assertEquals(1, tables.count("select count(*) from enrollment_tickets where ticket_hash = ?",
                AdminUsersTest.sha256(ticket)));

        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        ObjectNode options = json(enrollmentOptions(ticket).then().statusCode(200)
                .body("user.name", equalTo(username)).extract().response());
        JsonNode enrolled = json(registerVerify(null, authenticator.create(options), "Laptop").then().statusCode(201)
                .body("user.id", equalTo(id))
                .body("passkey.name", equalTo("Laptop"))
                .body("token_type", equalTo("Bearer"))
                .body("refresh_token", notNullValue())
                .extract().response());
        authorized(enrolled.get("access_token").asText()).get("/api/auth/me").then().statusCode(200)
                .body("id", equalTo(id));
        login(new Account(username, id, null, null, null, authenticator)).then().statusCode(200);

        // Used up: neither a new ceremony nor the same one again.
        assertProblem(enrollmentOptions(ticket), 401, "enrollment_ticket_invalid");
        List<String> types = awaitTypes(enrolled.get("access_token").asText(), 4);
        assertTrue(types.contains("enrollment_ticket_used"), types.toString());
    }

    @Test
    void aTicketWorksOnce() {
        String id = newUser(uniqueUsername(), uniqueExternalId());
        String ticket = ticket(id);
        ObjectNode first = json(enrollmentOptions(ticket).then().statusCode(200).extract().response());
        ObjectNode second = json(enrollmentOptions(ticket).then().statusCode(200).extract().response());
        registerVerify(null, new SoftwareAuthenticator().create(first), null).then().statusCode(201);
        assertProblem(registerVerify(null, new SoftwareAuthenticator().create(second), null), 401,
                "enrollment_ticket_invalid");
        assertEquals(1, AdminApi.user(id).get("passkeys").size());
    }

    @Test
    void concurrentUsesOfOneTicketHaveOneWinner() throws Exception {
        String id = newUser(uniqueUsername(), uniqueExternalId());
        String ticket = ticket(id);
        int racers = 4;
        List<ObjectNode> credentials = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            credentials.add(new SoftwareAuthenticator().create(
                    json(enrollmentOptions(ticket).then().statusCode(200).extract().response())));
        }
        List<Callable<Response>> uses = new ArrayList<>();
        credentials.forEach(credential -> uses.add(() -> registerVerify(null, credential, null)));
        Race.exactlyOneWins(uses, 201, 401, "enrollment_ticket_invalid");
        assertEquals(1, AdminApi.user(id).get("passkeys").size());
    }

    @Test
    void anExpiredTicketIsRefused() {
        String id = newUser(uniqueUsername(), uniqueExternalId());
        String ticket = ticket(id);
        ObjectNode options = json(enrollmentOptions(ticket).then().statusCode(200).extract().response());
        tables.update("update enrollment_tickets set expires_at = now() - interval '1 second' where ticket_hash = ?",
                AdminUsersTest.sha256(ticket));
        assertProblem(enrollmentOptions(ticket), 401, "enrollment_ticket_invalid");
        assertProblem(registerVerify(null, new SoftwareAuthenticator().create(options), null), 401,
                "enrollment_ticket_invalid");
        assertEquals(0, AdminApi.user(id).get("passkeys").size());
    }

    @Test
    void aTicketOfADeletedUserIsRefused() {
        String id = newUser(uniqueUsername(), uniqueExternalId());
        String ticket = ticket(id);
        String other = ticket(id);
        ObjectNode options = json(enrollmentOptions(other).then().statusCode(200).extract().response());
        admin().delete("/api/admin/users/" + id).then().statusCode(204);
        assertProblem(enrollmentOptions(ticket), 401, "enrollment_ticket_invalid");
        Response verify = registerVerify(null, new SoftwareAuthenticator().create(options), null);
        assertNotEquals(201, verify.statusCode());
        assertTrue(verify.statusCode() == 400 || verify.statusCode() == 401, verify.asString());
        assertEquals(0, tables.count("select count(*) from users where id = ?::uuid", id));
    }

    @Test
    void malformedOrMixedRequestsAreRefused() {
        String id = newUser(uniqueUsername(), uniqueExternalId());
        String ticket = ticket(id);
        assertProblem(enrollmentOptions("not-a-ticket"), 401, "enrollment_ticket_invalid");
        assertProblem(enrollmentOptions("B".repeat(43)), 401, "enrollment_ticket_invalid");
        assertProblem(enrollmentOptions(""), 401, "enrollment_ticket_invalid");
        assertProblem(registerOptions(null, Map.of("enrollmentTicket", ticket, "username", uniqueUsername())), 400,
                "invalid_request");
        assertProblem(registerOptions(null, Map.of("enrollmentTicket", ticket, "mediation", "conditional")), 400,
                "invalid_request");
        assertProblem(registerOptions(null, Map.of("enrollmentTicket", 42)), 400, "invalid_request");
        // None of these used the ticket up.
        enroll(ticket, new SoftwareAuthenticator()).then().statusCode(201);
    }

    @Test
    void theLimitOfPasskeysHolds() {
        String id = newUser(uniqueUsername(), uniqueExternalId());
        for (int i = 0; i < 3; i++) {
            enroll(ticket(id), new SoftwareAuthenticator()).then().statusCode(201);
        }
        String ticket = ticket(id);
        assertProblem(enrollmentOptions(ticket), 409, "too_many_passkeys");
        assertEquals(1, tables.count("select count(*) from enrollment_tickets where ticket_hash = ? and used_at is null",
                AdminUsersTest.sha256(ticket)), "a refused enrollment leaves the ticket unused");
    }

    private static List<String> awaitTypes(String token, int count) {
        return dev.passkeys.testing.AuditEvents.types(dev.passkeys.testing.AuditEvents.await(token, count));
    }
}
