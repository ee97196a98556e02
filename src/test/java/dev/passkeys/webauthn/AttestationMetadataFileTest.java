package dev.passkeys.webauthn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.yubico.fido.metadata.FidoMetadataService;
import com.yubico.webauthn.data.ByteArray;

import dev.passkeys.config.InvalidConfigurationException;
import dev.passkeys.testing.AttestationCa;
import dev.passkeys.testing.MetadataService;

/**
 * The BLOB of {@code PASSKEY_ATTESTATION_METADATA_FILE} is verified before the service starts: a BLOB signed under
 * another root, tampered with, with another legal header, or no BLOB at all stops the start naming the variable; one
 * past its {@code nextUpdate} is used (with a warning).
 */
class AttestationMetadataFileTest {

    private static final Path DIRECTORY = Path.of("target", "test-attestation", "metadata-file");
    private static final UUID AAGUID = UUID.fromString("5ca1ab1e-0000-4000-8000-00000000fe11");
    private static final MetadataService FIDO = MetadataService.create(DIRECTORY, "File");
    private static final AttestationCa VENDOR = AttestationCa.create("Vendor");

    @Test
    void aBlobSignedUnderTheRootListsItsAuthenticators() {
        FidoMetadataService service = AttestationMetadata.load(
                blob("valid.jwt", FIDO.blob(AAGUID, VENDOR.root(), LocalDate.now().plusDays(30))), root(FIDO));
        assertEquals(1, service.findEntries(VENDOR.chain(), new com.yubico.fido.metadata.AAGUID(aaguid(AAGUID))).size());
        assertEquals(java.util.Set.of(VENDOR.root()),
                service.findTrustRoots(VENDOR.chain(), Optional.of(aaguid(AAGUID))).getTrustRoots());
        assertTrue(service.findTrustRoots(VENDOR.chain(), Optional.of(aaguid(UUID.randomUUID()))).getTrustRoots().isEmpty());
    }

    @Test
    void aRevokedModelIsNotTrusted() {
        ObjectNode payload = MetadataService.payload(MetadataService.LEGAL_HEADER, AAGUID, VENDOR.root(),
                LocalDate.now().plusDays(30));
        ((ObjectNode) payload.path("entries").path(0)).putArray("statusReports").addObject()
                .put("status", "REVOKED").put("effectiveDate", "2025-01-01");
        FidoMetadataService service = AttestationMetadata.load(blob("revoked.jwt", FIDO.sign(payload)), root(FIDO));
        assertTrue(service.findTrustRoots(VENDOR.chain(), Optional.of(aaguid(AAGUID))).getTrustRoots().isEmpty());
    }

    @Test
    void aBlobSignedUnderAnotherRootStopsTheStart() {
        MetadataService impostor = MetadataService.create(DIRECTORY, "Impostor");
        Path file = blob("impostor.jwt", impostor.blob(AAGUID, VENDOR.root(), LocalDate.now().plusDays(30)));
        InvalidConfigurationException refused = assertRefused("PASSKEY_ATTESTATION_METADATA_ROOT", file, root(FIDO));
        assertTrue(refused.getMessage().contains("chain"), refused.getMessage());
    }

    @Test
    void theSigningChainsRevocationListIsNeeded() throws java.io.IOException {
        Path directory = DIRECTORY.resolve("no-crl");
        MetadataService offline = MetadataService.create(directory, "Offline");
        try (var crls = java.nio.file.Files.list(directory)) {
            for (Path crl : crls.filter(f -> f.toString().endsWith(".crl")).toList()) {
                java.nio.file.Files.delete(crl);
            }
        }
        Path file = blob("offline.jwt", offline.blob(AAGUID, VENDOR.root(), LocalDate.now().plusDays(30)));
        assertRefused("PASSKEY_ATTESTATION_METADATA_FILE", file, root(offline));
    }

    @Test
    void aTamperedBlobStopsTheStart() {
        String[] parts = FIDO.blob(AAGUID, VENDOR.root(), LocalDate.now().plusDays(30)).split("\\.");
        String other = FIDO.blob(AAGUID, AttestationCa.create("Rogue").root(), LocalDate.now().plusDays(30));
        Path file = blob("tampered.jwt", parts[0] + "." + other.split("\\.")[1] + "." + parts[2]);
        InvalidConfigurationException refused = assertRefused("PASSKEY_ATTESTATION_METADATA_FILE", file, root(FIDO));
        assertTrue(refused.getMessage().contains("signature"), refused.getMessage());
    }

    @Test
    void anotherLegalHeaderStopsTheStart() {
        ObjectNode payload = MetadataService.payload("Other terms", AAGUID, VENDOR.root(), LocalDate.now().plusDays(30));
        assertRefused("PASSKEY_ATTESTATION_METADATA_FILE", blob("legal.jwt", FIDO.sign(payload)), root(FIDO));
    }

    @Test
    void aFileThatIsNoBlobStopsTheStart() {
        assertRefused("PASSKEY_ATTESTATION_METADATA_FILE", blob("garbage.jwt", "not a jwt"), root(FIDO));
        assertRefused("PASSKEY_ATTESTATION_METADATA_FILE", blob("empty.jwt", "\n"), root(FIDO));
        assertRefused("PASSKEY_ATTESTATION_METADATA_FILE", DIRECTORY.resolve("missing.jwt"), root(FIDO));
        assertRefused("PASSKEY_ATTESTATION_METADATA_ROOT",
                blob("valid-2.jwt", FIDO.blob(AAGUID, VENDOR.root(), LocalDate.now().plusDays(30))),
                blob("not-a-root.pem", "not a certificate"));
    }

    @Test
    void aBlobPastItsNextUpdateIsStillUsed() {
        FidoMetadataService service = AttestationMetadata.load(
                blob("stale.jwt", FIDO.blob(AAGUID, VENDOR.root(), LocalDate.now().minusDays(40))), root(FIDO));
        assertFalse(service.findTrustRoots(List.of(), Optional.of(aaguid(AAGUID))).getTrustRoots().isEmpty());
    }

    private static InvalidConfigurationException assertRefused(String variable, Path file, Path root) {
        InvalidConfigurationException refused = assertThrows(InvalidConfigurationException.class,
                () -> AttestationMetadata.load(file, root));
        assertTrue(refused.getMessage().contains(variable), refused.getMessage());
        return refused;
    }

    private static Path blob(String name, String content) {
        return MetadataService.write(DIRECTORY.resolve(name), content);
    }

    private static Path root(MetadataService service) {
        return AttestationCa.writePem(DIRECTORY.resolve(UUID.randomUUID() + "-root.pem"), service.root());
    }

    private static ByteArray aaguid(UUID uuid) {
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(16);
        bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return new ByteArray(bytes.array());
    }
}
