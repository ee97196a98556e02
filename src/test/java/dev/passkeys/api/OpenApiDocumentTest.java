package dev.passkeys.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The committed {@code openapi.yaml} is the published contract: it must be exactly what the service serves.
 * After changing the API, regenerate it with {@code ./mvnw test -Dtest=OpenApiDocumentTest -Dopenapi.write=true}.
 */
@QuarkusTest
class OpenApiDocumentTest {

    private static final Path COMMITTED = Path.of("openapi.yaml");

    @Test
    void theCommittedDocumentIsWhatTheServiceServes() throws IOException {
        String served = given().queryParam("format", "yaml").get("/q/openapi").then().statusCode(200).extract().asString();
        if (Boolean.getBoolean("openapi.write")) {
            Files.writeString(COMMITTED, served);
        }
        assertEquals(Files.readString(COMMITTED), served,
                "openapi.yaml differs from /q/openapi; regenerate it with -Dopenapi.write=true and review the diff");
    }

    @Test
    void everyRequestBodyAndResponseBodyHasAnExample() throws IOException {
        List<String> missing = new ArrayList<>();
        operations().forEach((name, operation) -> {
            operation.path("requestBody").path("content").fields().forEachRemaining(media -> {
                if (!media.getValue().has("examples")) {
                    missing.add(name + " request " + media.getKey());
                }
            });
            operation.path("responses").fields().forEachRemaining(response -> response.getValue().path("content")
                    .fields().forEachRemaining(media -> {
                        if (!media.getValue().has("examples")) {
                            missing.add(name + " " + response.getKey() + " " + media.getKey());
                        }
                    }));
        });
        assertEquals(List.of(), missing, "bodies without an example");
    }

    @Test
    void everyProblemResponseShowsEachCodeItNames() throws IOException {
        List<String> wrong = new ArrayList<>();
        operations().forEach((name, operation) -> operation.path("responses").fields().forEachRemaining(response -> {
            JsonNode problem = response.getValue().path("content").path(ProblemExamples.PROBLEM_JSON);
            if (problem.isMissingNode()) {
                return;
            }
            List<String> codes = new ArrayList<>();
            problem.path("examples").forEach(example -> {
                JsonNode value = example.path("value");
                codes.add(value.path("code").asText());
                if (value.path("status").asInt() != Integer.parseInt(response.getKey())) {
                    wrong.add(name + " " + response.getKey() + ": example " + value.path("code") + " has status "
                            + value.path("status"));
                }
            });
            String description = response.getValue().path("description").asText();
            ProblemExamples.CATALOGUE.keySet().stream()
                    .filter(code -> description.matches("(?s).*\\b" + code + "\\b.*") && !codes.contains(code))
                    .forEach(code -> wrong.add(name + " " + response.getKey() + ": no example of " + code));
            if (codes.isEmpty()) {
                wrong.add(name + " " + response.getKey() + ": no problem example");
            }
        }));
        assertEquals(List.of(), wrong);
    }

    /** Every operation of the served document, named "METHOD path". */
    private static Map<String, JsonNode> operations() throws IOException {
        JsonNode document = new ObjectMapper().readTree(
                given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString());
        Map<String, JsonNode> operations = new TreeMap<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(
                operation -> operations.put(operation.getKey().toUpperCase() + " " + path.getKey(), operation.getValue())));
        return operations;
    }
}
