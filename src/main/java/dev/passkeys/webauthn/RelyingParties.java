package dev.passkeys.webauthn;

import java.util.List;
import java.util.Set;

import jakarta.inject.Singleton;

import com.yubico.webauthn.CredentialRepository;
import com.yubico.webauthn.RelyingParty;
import com.yubico.webauthn.data.PublicKeyCredentialParameters;
import com.yubico.webauthn.data.RelyingPartyIdentity;

import dev.passkeys.config.Origins;
import dev.passkeys.config.PasskeyConfig;

/**
 * Yubico {@code RelyingParty} instances for this deployment's RP ID and origins, one per ceremony view. The
 * origins are every configured one: web origins on the RP ID, related origins on other domains, and Android
 * apps ({@code android:apk-key-hash:...}), which Yubico matches as exact strings.
 */
@Singleton
@io.quarkus.runtime.Startup
public class RelyingParties {

    /** ES256, EdDSA and RS256, in this order of preference. */
    static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
            PublicKeyCredentialParameters.ES256, PublicKeyCredentialParameters.EdDSA, PublicKeyCredentialParameters.RS256);

    private final RelyingPartyIdentity identity;
    private final Set<String> origins;
    private final List<String> hints;
    private final AttestationTrust attestation;

    RelyingParties(PasskeyConfig config) {
        this.identity = RelyingPartyIdentity.builder().id(config.rpId()).name(config.rpName()).build();
        this.origins = Origins.ceremony(config);
        this.hints = config.hints().map(List::copyOf).orElse(List.of());
        this.attestation = AttestationTrust.of(config);
    }

    /**
     * The deployment's relying party: with a trust file or metadata BLOB, untrusted attestations fail the
     * registration.
     */
    RelyingParty over(CredentialRepository credentials) {
        return builder(credentials, !attestation.required()).build();
    }

    /**
     * The same relying party, but accepting untrusted attestations: it tells whether a registration the
     * deployment's one refused failed for its attestation's trust alone.
     */
    RelyingParty trustingAnyAttestation(CredentialRepository credentials) {
        return builder(credentials, true).build();
    }

    /** Whether registrations need an attestation that chains to a trusted root (trust file or metadata BLOB). */
    boolean attestationRequired() {
        return attestation.required();
    }

    private RelyingParty.RelyingPartyBuilder builder(CredentialRepository credentials, boolean allowUntrusted) {
        RelyingParty.RelyingPartyBuilder builder = RelyingParty.builder()
                .identity(identity)
                .credentialRepository(credentials)
                .origins(origins)
                .preferredPubkeyParams(ALGORITHMS)
                .attestationConveyancePreference(attestation.conveyance())
                .allowUntrustedAttestation(allowUntrusted)
                .validateSignatureCounter(true);
        return attestation.required() ? builder.attestationTrustSource(attestation) : builder;
    }

    String rpId() {
        return identity.getId();
    }

    Set<String> origins() {
        return origins;
    }

    /** {@code PASSKEY_HINTS}, for both kinds of options; empty when not configured. */
    List<String> hints() {
        return hints;
    }
}
