package dev.passkeys.webauthn;

import java.util.List;
import java.util.Set;

import jakarta.inject.Singleton;

import com.yubico.webauthn.CredentialRepository;
import com.yubico.webauthn.RelyingParty;
import com.yubico.webauthn.data.AttestationConveyancePreference;
import com.yubico.webauthn.data.PublicKeyCredentialParameters;
import com.yubico.webauthn.data.RelyingPartyIdentity;

import dev.passkeys.config.PasskeyConfig;

/** Yubico {@code RelyingParty} instances for this deployment's RP ID and origins, one per ceremony view. */
@Singleton
public class RelyingParties {

    /** ES256, EdDSA and RS256, in this order of preference. */
    static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
            PublicKeyCredentialParameters.ES256, PublicKeyCredentialParameters.EdDSA, PublicKeyCredentialParameters.RS256);

    private final RelyingPartyIdentity identity;
    private final Set<String> origins;

    RelyingParties(PasskeyConfig config) {
        this.identity = RelyingPartyIdentity.builder().id(config.rpId()).name(config.rpName()).build();
        this.origins = Set.copyOf(config.origins());
    }

    RelyingParty over(CredentialRepository credentials) {
        return RelyingParty.builder()
                .identity(identity)
                .credentialRepository(credentials)
                .origins(origins)
                .preferredPubkeyParams(ALGORITHMS)
                .attestationConveyancePreference(AttestationConveyancePreference.NONE)
                .allowUntrustedAttestation(true)
                .validateSignatureCounter(true)
                .build();
    }

    String rpId() {
        return identity.getId();
    }

    Set<String> origins() {
        return origins;
    }
}
