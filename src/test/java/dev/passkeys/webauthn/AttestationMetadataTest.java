package dev.passkeys.webauthn;

import static dev.passkeys.testing.PasskeyApi.registerVerify;
import static dev.passkeys.testing.PasskeyApi.signUpOptions;
import static dev.passkeys.testing.PasskeyApi.uniqueUsername;
import static dev.passkeys.testing.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.passkeys.testing.AttestationCa;
import dev.passkeys.testing.CeremonyOptions;
import dev.passkeys.testing.MetadataService;
import dev.passkeys.testing.SoftwareAuthenticator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * {@code PASSKEY_ATTESTATION=direct} with a FIDO Metadata Service BLOB listing one authenticator model (its AAGUID and
 * its vendor's attestation root) and a trust file holding another root: the listed model signs up, as does any
 * authenticator attested under the trust file's root (either source trusts); a model the BLOB does not list, or the
 * listed AAGUID attested under another root, gets {@code attestation_untrusted}.
 */
@QuarkusTest
@TestProfile(AttestationMetadataTest.ListedModel.class)
class AttestationMetadataTest {

    private static final Path DIRECTORY = Path.of("target", "test-attestation", "metadata");
    private static final UUID LISTED = UUID.fromString("5ca1ab1e-0000-4000-8000-0000000001a5");

    public static class ListedModel implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            MetadataService fido = MetadataService.create(DIRECTORY, "Fido");
            Path blob = MetadataService.write(DIRECTORY.resolve("blob.jwt"),
                    fido.blob(LISTED, vendor().root(), LocalDate.now().plusDays(30)));
            Path root = AttestationCa.writePem(DIRECTORY.resolve("mds-root.pem"), fido.root());
            Path trustFile = AttestationCa.writePem(DIRECTORY.resolve("trusted-roots.pem"), enterprise().root());
            return Map.of("passkey.attestation", "direct",
                    "passkey.attestation-metadata-file", blob.toAbsolutePath().toString(),
                    "passkey.attestation-metadata-root", root.toAbsolutePath().toString(),
                    "passkey.attestation-trust-file", trustFile.toAbsolutePath().toString());
        }
    }

    /** The vendor of the model the BLOB lists. */
    private static AttestationCa vendor() {
        return AttestationCa.stored(DIRECTORY.resolve("vendor"), "Listed Vendor");
    }

    /** The root of {@code PASSKEY_ATTESTATION_TRUST_FILE}. */
    private static AttestationCa enterprise() {
        return AttestationCa.stored(DIRECTORY.resolve("enterprise"), "Enterprise");
    }

    @Test
    void theListedModelSignsUp() {
        Response response = signUp(CeremonyOptions.defaults().withAaguid(LISTED).withPackedAttestation(vendor()));
        assertEquals(201, response.statusCode(), response.asString());
    }

    @Test
    void aModelTheBlobDoesNotListIsRefused() {
        assertProblem(signUp(CeremonyOptions.defaults().withAaguid(UUID.randomUUID()).withPackedAttestation(vendor())),
                400, "attestation_untrusted");
    }

    @Test
    void theListedAaguidAttestedUnderAnotherRootIsRefused() {
        AttestationCa stranger = AttestationCa.create("Stranger");
        assertProblem(signUp(CeremonyOptions.defaults().withAaguid(LISTED).withPackedAttestation(stranger)),
                400, "attestation_untrusted");
    }

    @Test
    void theTrustFileStillTrustsItsRootForAnyModel() {
        Response response = signUp(CeremonyOptions.defaults().withAaguid(UUID.randomUUID())
                .withPackedAttestation(enterprise()));
        assertEquals(201, response.statusCode(), response.asString());
    }

    @Test
    void anAuthenticatorWithoutAttestationIsRefused() {
        assertProblem(signUp(CeremonyOptions.defaults().withAaguid(LISTED)), 400, "attestation_untrusted");
    }

    private static Response signUp(CeremonyOptions ceremony) {
        ObjectNode options = signUpOptions(uniqueUsername());
        return registerVerify(null, new SoftwareAuthenticator().create(options, ceremony), null);
    }
}
