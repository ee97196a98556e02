package dev.passkeys.webauthn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathValidatorException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.LocalDate;

import org.jboss.logging.Logger;

import com.yubico.fido.metadata.FidoMetadataDownloader;
import com.yubico.fido.metadata.FidoMetadataDownloaderException;
import com.yubico.fido.metadata.FidoMetadataService;
import com.yubico.fido.metadata.MetadataBLOB;

import dev.passkeys.config.InvalidConfigurationException;

/**
 * The FIDO Metadata Service as an attestation trust source, from the MDS3 BLOB file of
 * {@code PASSKEY_ATTESTATION_METADATA_FILE}, verified at start-up against {@code PASSKEY_ATTESTATION_METADATA_ROOT}.
 * The BLOB is handed to Yubico's downloader as an explicit BLOB ({@code useBlob}), the one mode in which it never
 * downloads one (a cached BLOB that is stale or fails its check makes it download instead); its signature, its
 * {@code x5c} chain up to the root and that chain's revocation lists (fetched from the chain's own CRL distribution
 * points by Yubico) are still checked. A BLOB past its {@code nextUpdate} is used with a warning: refusing to start
 * would turn a missed monthly refresh into an outage on the next restart.
 */
final class AttestationMetadata {

    /** FIDO's legal header: a BLOB with another one may come with other terms, so it stops the start. */
    static final String LEGAL_HEADER = "Retrieval and use of this BLOB indicates acceptance of the appropriate "
            + "agreement located at https://fidoalliance.org/metadata/metadata-legal-terms/";

    private static final String FILE = "PASSKEY_ATTESTATION_METADATA_FILE";
    private static final String ROOT = "PASSKEY_ATTESTATION_METADATA_ROOT";
    private static final Logger LOG = Logger.getLogger(AttestationMetadata.class);

    private AttestationMetadata() {
    }

    /** The verified BLOB of {@code file} as Yubico's trust source; every problem names the variable to fix. */
    static FidoMetadataService load(Path file, Path rootFile) {
        X509Certificate root = PemCertificates.readOne(rootFile, ROOT);
        MetadataBLOB blob = verify(file, read(file), root);
        if (!LEGAL_HEADER.equals(blob.getPayload().getLegalHeader())) {
            throw invalid(file, "has the legal header '" + blob.getPayload().getLegalHeader() + "' instead of FIDO's: "
                    + "read the new terms, then update AttestationMetadata.LEGAL_HEADER");
        }
        LocalDate nextUpdate = blob.getPayload().getNextUpdate();
        if (!nextUpdate.isAfter(LocalDate.now(Clock.systemUTC()))) {
            LOG.warnf("%s '%s' (BLOB no %d) was due for replacement on %s: download the current BLOB and redeploy, or "
                    + "authenticators revoked since are still trusted", FILE, file, blob.getPayload().getNo(), nextUpdate);
        }
        try {
            return FidoMetadataService.builder().useBlob(blob).build();
        } catch (Exception e) {
            throw invalid(file, "cannot be used: " + e);
        }
    }

    private static String read(Path file) {
        try {
            String jwt = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (jwt.isEmpty()) {
                throw invalid(file, "is empty");
            }
            return jwt;
        } catch (IOException e) {
            throw invalid(file, "cannot be read: " + e);
        }
    }

    private static MetadataBLOB verify(Path file, String jwt, X509Certificate root) {
        try {
            return FidoMetadataDownloader.builder().expectLegalHeader(LEGAL_HEADER).useTrustRoot(root).useBlob(jwt)
                    .build().loadCachedBlob();
        } catch (FidoMetadataDownloaderException e) {
            throw invalid(file, "fails its signature check (" + e.getReason() + "): it is not the BLOB FIDO signed");
        } catch (CertPathValidatorException e) {
            throw new InvalidConfigurationException(FILE + " '" + file + "' is not signed by a valid certificate chain "
                    + "ending in " + ROOT + " (" + e.getMessage() + ")");
        } catch (Exception e) {
            throw invalid(file, "is not a FIDO Metadata Service BLOB (a JWT from https://mds3.fidoalliance.org/): " + e);
        }
    }

    private static InvalidConfigurationException invalid(Path file, String problem) {
        return PemCertificates.invalid(FILE, file, problem);
    }
}
