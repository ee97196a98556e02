package dev.passkeys.testing;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * How the client and the {@link SoftwareAuthenticator} behave in one ceremony. Immutable: every
 * {@code with...} method returns a changed copy, so {@code CeremonyOptions.defaults()} can be shared.
 * The defaults make an honest ceremony of a single-device platform passkey from
 * {@value #DEFAULT_ORIGIN}; the rest are knobs for negative tests.
 */
public final class CeremonyOptions implements Cloneable {

    public static final String DEFAULT_ORIGIN = "http://localhost:8080";

    private static final CeremonyOptions DEFAULTS = new CeremonyOptions();

    // Package-private and never changed after with(...) returns: read by SoftwareAuthenticator only.
    String origin = DEFAULT_ORIGIN;
    String rpId;
    String clientDataType;
    String challenge;
    boolean crossOrigin;
    boolean userPresent = true;
    boolean userVerified = true;
    Boolean backupEligible;
    Boolean backedUp;
    Long signCount;
    boolean counterless;
    boolean corruptSignature;
    String userHandle;
    boolean omitUserHandle;
    UUID aaguid = new UUID(0, 0);
    String credentialId;
    String authenticatorAttachment = "platform";
    List<String> transports = List.of("internal", "hybrid");
    AttestationCa attestationCa;

    private CeremonyOptions() {
    }

    public static CeremonyOptions defaults() {
        return DEFAULTS;
    }

    /** The origin written into clientDataJSON; the RP ID defaults to its host when the options carry none. */
    public CeremonyOptions withOrigin(String origin) {
        return with(c -> c.origin = origin);
    }

    /** The RP ID whose SHA-256 goes into authenticatorData (a wrong rpIdHash); credential lookup still uses the options' RP ID. */
    public CeremonyOptions withRpId(String rpId) {
        return with(c -> c.rpId = rpId);
    }

    /** The clientDataJSON {@code type} instead of {@code webauthn.create} / {@code webauthn.get}. */
    public CeremonyOptions withClientDataType(String type) {
        return with(c -> c.clientDataType = type);
    }

    /** The clientDataJSON {@code challenge} (base64url) instead of the one in the options. */
    public CeremonyOptions withChallenge(String challenge) {
        return with(c -> c.challenge = challenge);
    }

    public CeremonyOptions withCrossOrigin(boolean crossOrigin) {
        return with(c -> c.crossOrigin = crossOrigin);
    }

    /** The UP flag (default true). */
    public CeremonyOptions withUserPresent(boolean userPresent) {
        return with(c -> c.userPresent = userPresent);
    }

    /** The UV flag (default true). */
    public CeremonyOptions withUserVerified(boolean userVerified) {
        return with(c -> c.userVerified = userVerified);
    }

    /** The BE flag. At create it is stored with the credential (default false); at get it overrides the stored value for this call only. */
    public CeremonyOptions withBackupEligible(boolean backupEligible) {
        return with(c -> c.backupEligible = backupEligible);
    }

    /** The BS flag. At create it is stored with the credential (default false); at get it overrides the stored value for this call only. */
    public CeremonyOptions withBackedUp(boolean backedUp) {
        return with(c -> c.backedUp = backedUp);
    }

    /** The signature counter to report, which the credential then keeps (e.g. to make it go backwards). */
    public CeremonyOptions withSignCount(long signCount) {
        return with(c -> c.signCount = signCount);
    }

    /** Report a counter of 0. At create the credential keeps doing so for its whole life, as synced passkeys do. */
    public CeremonyOptions withCounterless(boolean counterless) {
        return with(c -> c.counterless = counterless);
    }

    /** Flip one bit of the assertion signature, keeping it well-formed DER. */
    public CeremonyOptions withCorruptedSignature() {
        return with(c -> c.corruptSignature = true);
    }

    /** The assertion's {@code userHandle} (base64url) instead of the credential's own. */
    public CeremonyOptions withUserHandle(String userHandle) {
        return with(c -> c.userHandle = userHandle);
    }

    /** Leave {@code userHandle} out of the assertion, as authenticators may for non-discoverable credentials. */
    public CeremonyOptions withoutUserHandle() {
        return with(c -> c.omitUserHandle = true);
    }

    /** The AAGUID in attested credential data (default all zeros, as with attestation "none"). */
    public CeremonyOptions withAaguid(UUID aaguid) {
        return with(c -> c.aaguid = aaguid);
    }

    /**
     * A credential ID (base64url). At create: the ID the new credential gets (e.g. one already registered).
     * At get: use this held credential, whatever allowCredentials and the RP ID say.
     */
    public CeremonyOptions withCredentialId(String credentialId) {
        return with(c -> c.credentialId = credentialId);
    }

    /** {@code "platform"} (default), {@code "cross-platform"}, or null to leave the member out. */
    public CeremonyOptions withAuthenticatorAttachment(String authenticatorAttachment) {
        return with(c -> c.authenticatorAttachment = authenticatorAttachment);
    }

    /** The registration's {@code transports} (default internal, hybrid). */
    public CeremonyOptions withTransports(String... transports) {
        return with(c -> c.transports = List.of(transports));
    }

    /** A "packed" attestation signed with the CA's attestation certificate (x5c) instead of "none". */
    public CeremonyOptions withPackedAttestation(AttestationCa ca) {
        return with(c -> c.attestationCa = ca);
    }

    private CeremonyOptions with(Consumer<CeremonyOptions> change) {
        try {
            CeremonyOptions copy = (CeremonyOptions) clone();
            change.accept(copy);
            return copy;
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }
}
