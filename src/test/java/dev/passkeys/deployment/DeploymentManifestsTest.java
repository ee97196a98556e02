package dev.passkeys.deployment;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import io.quarkus.test.junit.QuarkusTest;

/** The deployment files agree with the service: probes hit real paths, variables are the contract's, ports match. */
@QuarkusTest
class DeploymentManifestsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path KUBERNETES = Path.of("deployment/kubernetes");
    /** The configuration the service reads: the contract's variables and the Quarkus settings it documents. */
    private static final Set<String> KNOWN_VARIABLES = Set.of("PASSKEY_RP_ID", "PASSKEY_RP_NAME", "PASSKEY_ORIGINS",
            "PASSKEY_JWT_ISSUER", "PASSKEY_JWT_AUDIENCE", "PASSKEY_JWT_TTL", "PASSKEY_CHALLENGE_TTL",
            "PASSKEY_JWT_SIGNING_KEY_FILE", "QUARKUS_HTTP_PORT", "QUARKUS_DATASOURCE_REACTIVE_URL",
            "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD", "QUARKUS_REDIS_HOSTS",
            "QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE", "QUARKUS_SHUTDOWN_TIMEOUT",
            "QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING", "QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED",
            "QUARKUS_HTTP_PROXY_TRUSTED_PROXIES");

    @Test
    void theDeploymentProbesPathsTheServiceServes() throws IOException {
        JsonNode container = deployment().at("/spec/template/spec/containers/0");
        assertEquals(8080, container.at("/ports/0/containerPort").asInt());
        String portName = container.at("/ports/0/name").asText();
        for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
            JsonNode httpGet = container.at("/" + probe + "/httpGet");
            assertFalse(httpGet.isMissingNode(), probe + " is an HTTP probe");
            assertEquals(portName, httpGet.get("port").asText(), probe + " targets the container port");
            given().get(httpGet.get("path").asText()).then().statusCode(200);
        }
        assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText());
        assertFalse(container.at("/resources/requests/cpu").isMissingNode(), "resource requests are set");
        assertFalse(container.at("/resources/requests/memory").isMissingNode(), "resource requests are set");
    }

    @Test
    void everyVariableIsOneTheServiceReads() throws IOException {
        List<String> names = new ArrayList<>();
        configMap().get("data").fieldNames().forEachRemaining(names::add);
        deployment().at("/spec/template/spec/containers/0/env").forEach(env -> names.add(env.get("name").asText()));
        YAML.readTree(Path.of("deployment/docker-compose.yml").toFile()).at("/services").forEach(service -> {
            if (service.has("build")) {
                service.get("environment").fieldNames().forEachRemaining(names::add);
            }
        });
        assertTrue(names.contains("PASSKEY_JWT_SIGNING_KEY_FILE") && names.contains("QUARKUS_DATASOURCE_REACTIVE_URL"));
        for (String name : names) {
            assertTrue(KNOWN_VARIABLES.contains(name), name + " is not a variable the service reads");
        }
    }

    @Test
    void forwardedClientAddressesAreBelievedFromTrustedProxiesOnly() throws IOException {
        JsonNode kubernetes = configMap().get("data");
        assertEquals("true", kubernetes.get("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING").asText());
        assertFalse(kubernetes.path("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES").asText().isBlank(),
                "behind the ingress, X-Forwarded-For is believed from the listed proxies only");
        JsonNode compose = YAML.readTree(Path.of("deployment/docker-compose.yml").toFile())
                .at("/services/passkey-service/environment");
        assertFalse(compose.path("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES").asText().isBlank());
    }

    @Test
    void theImageExposesThePortTheServiceListensOn() throws IOException {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        assertTrue(dockerfile.contains("EXPOSE 8080"));
        String containerPort = deployment().at("/spec/template/spec/containers/0/ports/0/name").asText();
        assertEquals(containerPort, document("service.yaml").at("/spec/ports/0/targetPort").asText(),
                "the Service sends traffic to the container's named port");
        assertTrue(Stream.of("deployment.yaml", "service.yaml", "configmap.yaml", "hpa.yaml", "pdb.yaml")
                .allMatch(file -> Files.exists(KUBERNETES.resolve(file))));
    }

    /** Every file the Dockerfile copies from the build context must be let in by .dockerignore's allow-list. */
    @Test
    void theBuildContextHoldsEverythingTheImageCopies() throws IOException {
        List<String> allowed = Files.readAllLines(Path.of(".dockerignore")).stream()
                .filter(line -> line.startsWith("!")).map(line -> stripSlash(line.substring(1))).toList();
        List<String> sources = Files.readAllLines(Path.of("Dockerfile")).stream()
                .filter(line -> line.startsWith("COPY ") && !line.contains("--from="))
                .flatMap(line -> {
                    List<String> words = List.of(line.substring("COPY ".length()).trim().split("\\s+"));
                    return words.subList(0, words.size() - 1).stream();
                })
                .map(DeploymentManifestsTest::stripSlash).toList();
        assertFalse(sources.isEmpty());
        for (String source : sources) {
            assertTrue(allowed.stream().anyMatch(entry -> source.equals(entry) || source.startsWith(entry + "/")),
                    source + " is copied into the image but left out of the build context by .dockerignore");
        }
    }

    private static String stripSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static JsonNode deployment() throws IOException {
        return document("deployment.yaml");
    }

    private static JsonNode configMap() throws IOException {
        return document("configmap.yaml");
    }

    /** The first YAML document of a manifest file. */
    private static JsonNode document(String file) throws IOException {
        try (YAMLParser parser = new YAMLFactory().createParser(KUBERNETES.resolve(file).toFile())) {
            return YAML.readTree(parser);
        }
    }
}
