package dev.passkeys.webauthn;

import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.yubico.fido.metadata.FidoMetadataService;
import com.yubico.webauthn.attestation.AttestationTrustSource;
import com.yubico.webauthn.data.AttestationConveyancePreference;
import com.yubico.webauthn.data.ByteArray;

import dev.passkeys.config.PasskeyConfig;

/**
 * The attestation policy: the conveyance preference of register-options ({@code PASSKEY_ATTESTATION}) and the roots an
 * authenticator's attestation must chain to, from either source or both (an attestation is trusted if either trusts
 * it): {@code PASSKEY_ATTESTATION_TRUST_FILE}, roots that apply to every authenticator, and the FIDO Metadata Service
 * BLOB of {@code PASSKEY_ATTESTATION_METADATA_FILE}, whose roots apply to the AAGUID (or attestation key identifier)
 * they are listed for. Neither has revocation lists for attestation certificates, so Yubico checks the chain and its
 * validity dates only; the BLOB's own status reports drop revoked authenticators.
 */
final class AttestationTrust implements AttestationTrustSource {

    private final AttestationConveyancePreference conveyance;
    private final Set<X509Certificate> roots;
    private final Optional<FidoMetadataService> metadata;

    private AttestationTrust(AttestationConveyancePreference conveyance, Set<X509Certificate> roots,
            Optional<FidoMetadataService> metadata) {
        this.conveyance = conveyance;
        this.roots = roots;
        this.metadata = metadata;
    }

    static AttestationTrust of(PasskeyConfig config) {
        AttestationConveyancePreference conveyance = switch (config.attestation()) {
            case "direct" -> AttestationConveyancePreference.DIRECT;
            case "indirect" -> AttestationConveyancePreference.INDIRECT;
            default -> AttestationConveyancePreference.NONE;
        };
        Set<X509Certificate> roots = config.attestationTrustFile()
                .map(file -> PemCertificates.read(file, "PASSKEY_ATTESTATION_TRUST_FILE")).orElse(Set.of());
        Optional<FidoMetadataService> metadata = config.attestationMetadataFile().flatMap(file ->
                config.attestationMetadataRoot().map(root -> AttestationMetadata.load(file, root)));
        return new AttestationTrust(conveyance, roots, metadata);
    }

    AttestationConveyancePreference conveyance() {
        return conveyance;
    }

    /** Whether only attestations that chain to a trusted root are accepted. */
    boolean required() {
        return !roots.isEmpty() || metadata.isPresent();
    }

    @Override
    public TrustRootsResult findTrustRoots(List<X509Certificate> attestationCertificateChain, Optional<ByteArray> aaguid) {
        if (metadata.isEmpty()) {
            return TrustRootsResult.builder().trustRoots(roots).enableRevocationChecking(false).build();
        }
        Set<X509Certificate> trusted = new HashSet<>(roots);
        TrustRootsResult.TrustRootsResultBuilder result = TrustRootsResult.builder().trustRoots(trusted)
                .enableRevocationChecking(false);
        listed(attestationCertificateChain, aaguid).ifPresent(listed -> {
            trusted.addAll(listed.getTrustRoots());
            listed.getCertStore().ifPresent(result::certStore);
        });
        return result.build();
    }

    /** The BLOB's roots for this authenticator; a chain the lookup cannot handle is simply not listed (never a 500). */
    private Optional<TrustRootsResult> listed(List<X509Certificate> chain, Optional<ByteArray> aaguid) {
        try {
            return Optional.of(metadata.orElseThrow().findTrustRoots(chain, aaguid));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
