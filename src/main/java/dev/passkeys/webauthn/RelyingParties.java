package dev.passkeys.webauthn;

import java.util.List;
import java.util.Set;

import jakarta.inject.Singleton;

import com.yubico.webauthn.CredentialRepository;
import com.yubico.webauthn.RelyingParty;
import com.yubico.webauthn.data.AttestationConveyancePreference;
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
public class RelyingParties {

    /** ES256, EdDSA and RS256, in this order of preference. */
    static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
            PublicKeyCredentialParameters.ES256, PublicKeyCredentialParameters.EdDSA, PublicKeyCredentialParameters.RS256);

    private final RelyingPartyIdentity identity;
    private final Set<String> origins;
    private final List<String> hints;

    RelyingParties(PasskeyConfig config) {
        this.identity = RelyingPartyIdentity.builder().id(config.rpId()).name(config.rpName()).build();
        this.origins = Origins.ceremony(config);
        this.hints = config.hints().map(List::copyOf).orElse(List.of());
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

    /** {@code PASSKEY_HINTS}, for both kinds of options; empty when not configured. */
    List<String> hints() {
        return hints;
    }
}
