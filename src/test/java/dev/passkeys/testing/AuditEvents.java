package dev.passkeys.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** The signed-in user's audit trail, read as a frontend would; events are written after the fact, so tests wait. */
public final class AuditEvents {

    private AuditEvents() {
    }

    /** Every event of the user, newest first, once there are at least {@code count}. */
    public static List<JsonNode> await(String token, int count) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (true) {
            List<JsonNode> events = all(token);
            if (events.size() >= count) {
                return events;
            }
            assertTrue(Instant.now().isBefore(deadline), "expected " + count + " audit events, got " + events);
            PrivateRedis.sleep(Duration.ofMillis(100));
        }
    }

    /** Every event of the user, newest first, following the cursors. */
    public static List<JsonNode> all(String token) {
        List<JsonNode> events = new ArrayList<>();
        String cursor = null;
        do {
            var request = PasskeyApi.authorized(token).queryParam("limit", 100);
            if (cursor != null) {
                request = request.queryParam("before", cursor);
            }
            JsonNode page = PasskeyApi.json(request.get("/api/auth/events").then().statusCode(200).extract().response());
            page.get("events").forEach(events::add);
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        return events;
    }

    public static List<String> types(List<JsonNode> events) {
        return events.stream().map(event -> event.get("type").asText()).toList();
    }
}
