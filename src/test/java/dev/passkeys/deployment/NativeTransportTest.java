package dev.passkeys.deployment;

import static dev.passkeys.testing.PasskeyApi.login;
import static dev.passkeys.testing.PasskeyApi.signUp;
import static dev.passkeys.testing.PasskeyApi.uniqueUsername;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Locale;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;

/** On Linux, where the image runs, HTTP, PostgreSQL and Redis go through Netty's native epoll transport. */
@QuarkusTest
class NativeTransportTest {

    private static final Set<String> IMAGE_ARCHITECTURES = Set.of("amd64", "x86_64", "aarch64");

    @Inject
    Vertx vertx;

    @Test
    void ceremoniesRunOnTheNativeTransport() {
        assumeTrue(System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")
                && IMAGE_ARCHITECTURES.contains(System.getProperty("os.arch")), "not one of the image's platforms");
        assertTrue(vertx.isNativeTransportEnabled(), "Vert.x fell back to NIO: " + vertx.unavailableNativeTransportCause());
        login(signUp(uniqueUsername())).then().statusCode(200);
    }
}
