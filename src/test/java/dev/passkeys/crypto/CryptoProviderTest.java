package dev.passkeys.crypto;

import static dev.passkeys.testing.PasskeyApi.login;
import static dev.passkeys.testing.PasskeyApi.signUp;
import static dev.passkeys.testing.PasskeyApi.uniqueUsername;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.Security;

import org.junit.jupiter.api.Test;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;

import io.quarkus.test.junit.QuarkusTest;

/** On this platform (Linux x86_64) Corretto loads, so Yubico's verify and the token's sign go through it. */
@QuarkusTest
class CryptoProviderTest {

    @Test
    void correttoIsTheFirstProviderAndCeremoniesUseIt() {
        assertEquals(AmazonCorrettoCryptoProvider.PROVIDER_NAME, Security.getProviders()[0].getName());
        assertEquals(AmazonCorrettoCryptoProvider.PROVIDER_NAME, CryptoProvider.signatureProvider().getName());
        login(signUp(uniqueUsername())).then().statusCode(200);
        given().get("/q/metrics").then()
                .body(containsString("passkey_crypto_provider{provider=\"" + AmazonCorrettoCryptoProvider.PROVIDER_NAME + "\"}"));
    }
}
