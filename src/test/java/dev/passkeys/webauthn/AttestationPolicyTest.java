package dev.passkeys.webauthn;

import static dev.passkeys.testing.PasskeyApi.registerVerify;
import static dev.passkeys.testing.PasskeyApi.signUpOptions;
import static dev.passkeys.testing.PasskeyApi.uniqueUsername;
import static dev.passkeys.testing.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.passkeys.testing.AttestationCa;
import dev.passkeys.testing.CeremonyOptions;
import dev.passkeys.testing.SoftwareAuthenticator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * {@code PASSKEY_ATTESTATION=direct} with a trust file holding one test CA's root: authenticators attested by that
 * CA sign up; those attested by another CA, or not attested at all, are refused with {@code attestation_untrusted}.
 */
@QuarkusTest
@TestProfile(AttestationPolicyTest.TrustedRoots.class)
class AttestationPolicyTest {

    private static final Path DIRECTORY = Path.of("target", "test-attestation");

    public static class TrustedRoots implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Path file = AttestationCa.writePem(DIRECTORY.resolve("trusted-roots.pem"), trusted().root());
            return Map.of("passkey.attestation", "direct",
                    "passkey.attestation-trust-file", file.toAbsolutePath().toString());
        }
    }

    private static AttestationCa trusted() {
        return AttestationCa.stored(DIRECTORY.resolve("trusted"), "Trusted");
    }

    @Test
    void theOptionsAskForADirectAttestation() {
        assertEquals("direct", signUpOptions(uniqueUsername()).get("attestation").asText());
    }

    @Test
    void anAuthenticatorAttestedByATrustedRootSignsUp() {
        Response response = signUp(CeremonyOptions.defaults().withPackedAttestation(trusted()));
        assertEquals(201, response.statusCode(), response.asString());
    }

    @Test
    void anAuthenticatorAttestedByAnotherRootIsRefused() {
        AttestationCa stranger = AttestationCa.create("Stranger");
        assertProblem(signUp(CeremonyOptions.defaults().withPackedAttestation(stranger)), 400, "attestation_untrusted");
    }

    @Test
    void anAuthenticatorWithoutAttestationIsRefused() {
        assertProblem(signUp(CeremonyOptions.defaults()), 400, "attestation_untrusted");
    }

    @Test
    void aBrokenAttestationIsStillInvalidNotUntrusted() {
        ObjectNode options = signUpOptions(uniqueUsername());
        ObjectNode credential = new SoftwareAuthenticator().create(options,
                CeremonyOptions.defaults().withPackedAttestation(trusted()).withOrigin("https://evil.example"));
        assertProblem(registerVerify(null, credential, null), 400, "origin_mismatch");
    }

    private static Response signUp(CeremonyOptions ceremony) {
        ObjectNode options = signUpOptions(uniqueUsername());
        return registerVerify(null, new SoftwareAuthenticator().create(options, ceremony), null);
    }
}
