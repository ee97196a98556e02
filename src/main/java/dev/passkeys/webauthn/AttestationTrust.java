package dev.passkeys.webauthn;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.yubico.webauthn.attestation.AttestationTrustSource;
import com.yubico.webauthn.data.AttestationConveyancePreference;
import com.yubico.webauthn.data.ByteArray;

import dev.passkeys.config.InvalidConfigurationException;
import dev.passkeys.config.PasskeyConfig;

/**
 * The attestation policy: the conveyance preference of register-options ({@code PASSKEY_ATTESTATION}) and, with
 * {@code PASSKEY_ATTESTATION_TRUST_FILE}, the root certificates an authenticator's attestation must chain to. The
 * roots apply to every authenticator (they are not keyed by AAGUID) and have no revocation lists, so Yubico checks
 * the chain and its validity dates only.
 */
final class AttestationTrust implements AttestationTrustSource {

    private final AttestationConveyancePreference conveyance;
    private final Set<X509Certificate> roots;

    private AttestationTrust(AttestationConveyancePreference conveyance, Set<X509Certificate> roots) {
        this.conveyance = conveyance;
        this.roots = roots;
    }

    static AttestationTrust of(PasskeyConfig config) {
        AttestationConveyancePreference conveyance = switch (config.attestation()) {
            case "direct" -> AttestationConveyancePreference.DIRECT;
            case "indirect" -> AttestationConveyancePreference.INDIRECT;
            default -> AttestationConveyancePreference.NONE;
        };
        return new AttestationTrust(conveyance, config.attestationTrustFile().map(AttestationTrust::roots).orElse(Set.of()));
    }

    AttestationConveyancePreference conveyance() {
        return conveyance;
    }

    /** Whether only attestations that chain to a configured root are accepted. */
    boolean required() {
        return !roots.isEmpty();
    }

    @Override
    public TrustRootsResult findTrustRoots(List<X509Certificate> attestationCertificateChain, Optional<ByteArray> aaguid) {
        return TrustRootsResult.builder().trustRoots(roots).enableRevocationChecking(false).build();
    }

    private static Set<X509Certificate> roots(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Set<X509Certificate> roots = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).collect(Collectors.toUnmodifiableSet());
            if (roots.isEmpty()) {
                throw invalid(file, "holds no PEM certificate");
            }
            return roots;
        } catch (IOException e) {
            throw invalid(file, "cannot be read: " + e.getMessage());
        } catch (CertificateException e) {
            throw invalid(file, "is not a file of PEM certificates: " + e.getMessage());
        }
    }

    private static InvalidConfigurationException invalid(Path file, String problem) {
        return new InvalidConfigurationException("PASSKEY_ATTESTATION_TRUST_FILE '" + file + "' " + problem);
    }
}
