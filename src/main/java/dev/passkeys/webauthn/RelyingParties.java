package dev.passkeys.webauthn;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Singleton;

import com.yubico.webauthn.CredentialRepository;
import com.yubico.webauthn.RegisteredCredential;
import com.yubico.webauthn.RelyingParty;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.PublicKeyCredentialDescriptor;
import com.yubico.webauthn.data.PublicKeyCredentialParameters;
import com.yubico.webauthn.data.RelyingPartyIdentity;

import dev.passkeys.config.Origins;
import dev.passkeys.config.PasskeyConfig;

/**
 * Yubico's {@code RelyingParty} for this deployment's RP ID and origins, built once; each ceremony step sees the
 * credentials of its own ceremony, loaded beforehand, through a view bound to the step's thread. The origins are
 * every configured one: web origins on the RP ID, related origins on other domains, and Android apps
 * ({@code android:apk-key-hash:...}), which Yubico matches as exact strings.
 */
@Singleton
@io.quarkus.runtime.Startup
public class RelyingParties {

    /** ES256, EdDSA and RS256, in this order of preference. */
    static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
            PublicKeyCredentialParameters.ES256, PublicKeyCredentialParameters.EdDSA, PublicKeyCredentialParameters.RS256);

    /** The view of the ceremony running on this thread: a relying party is costly to build, so two serve all. */
    private static final ThreadLocal<CredentialRepository> VIEW = new ThreadLocal<>();

    private final RelyingPartyIdentity identity;
    private final Set<String> origins;
    private final List<String> hints;
    private final AttestationTrust attestation;
    private final RelyingParty deployment;
    private final RelyingParty trustingAnyAttestation;

    RelyingParties(PasskeyConfig config) {
        this.identity = RelyingPartyIdentity.builder().id(config.rpId()).name(config.rpName()).build();
        this.origins = Origins.ceremony(config);
        this.hints = config.hints().map(List::copyOf).orElse(List.of());
        this.attestation = AttestationTrust.of(config);
        this.deployment = build(!attestation.required());
        this.trustingAnyAttestation = attestation.required() ? build(true) : deployment;
    }

    /** One step of a ceremony, taken by a relying party that sees the ceremony's credentials. */
    @FunctionalInterface
    interface Step<T, E extends Exception> {
        T take(RelyingParty party) throws E;
    }

    /**
     * Takes a step with the deployment's relying party over the given credentials: with a trust file or metadata
     * BLOB, untrusted attestations fail the registration.
     */
    <T, E extends Exception> T over(CredentialRepository credentials, Step<T, E> step) throws E {
        return take(deployment, credentials, step);
    }

    /**
     * The same, but accepting untrusted attestations: it tells whether a registration the deployment's relying
     * party refused failed for its attestation's trust alone.
     */
    <T, E extends Exception> T trustingAnyAttestation(CredentialRepository credentials, Step<T, E> step) throws E {
        return take(trustingAnyAttestation, credentials, step);
    }

    /** Whether registrations need an attestation that chains to a trusted root (trust file or metadata BLOB). */
    boolean attestationRequired() {
        return attestation.required();
    }

    private static <T, E extends Exception> T take(RelyingParty party, CredentialRepository credentials,
            Step<T, E> step) throws E {
        CredentialRepository outer = VIEW.get();
        VIEW.set(credentials);
        try {
            return step.take(party);
        } finally {
            VIEW.set(outer);
        }
    }

    private RelyingParty build(boolean allowUntrusted) {
        RelyingParty.RelyingPartyBuilder builder = RelyingParty.builder()
                .identity(identity)
                .credentialRepository(new ViewOfThisThread())
                .origins(origins)
                .preferredPubkeyParams(ALGORITHMS)
                .attestationConveyancePreference(attestation.conveyance())
                .allowUntrustedAttestation(allowUntrusted)
                .validateSignatureCounter(true);
        return (attestation.required() ? builder.attestationTrustSource(attestation) : builder).build();
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

    /** Answers from the view of the ceremony whose step runs on the calling thread. */
    private static final class ViewOfThisThread implements CredentialRepository {

        @Override
        public Set<PublicKeyCredentialDescriptor> getCredentialIdsForUsername(String username) {
            return view().getCredentialIdsForUsername(username);
        }

        @Override
        public Optional<ByteArray> getUserHandleForUsername(String username) {
            return view().getUserHandleForUsername(username);
        }

        @Override
        public Optional<String> getUsernameForUserHandle(ByteArray userHandle) {
            return view().getUsernameForUserHandle(userHandle);
        }

        @Override
        public Optional<RegisteredCredential> lookup(ByteArray credentialId, ByteArray userHandle) {
            return view().lookup(credentialId, userHandle);
        }

        @Override
        public Set<RegisteredCredential> lookupAll(ByteArray credentialId) {
            return view().lookupAll(credentialId);
        }

        private static CredentialRepository view() {
            CredentialRepository view = VIEW.get();
            if (view == null) {
                throw new IllegalStateException("A relying party was used outside a ceremony's step");
            }
            return view;
        }
    }
}
