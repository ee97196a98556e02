package dev.passkeys.testing;

import java.security.KeyPair;
import java.util.Base64;

/**
 * A discoverable ES256 credential held by a {@link SoftwareAuthenticator}: its public key credential
 * source plus the signature counter. {@link #copy()} makes a clone to replay it elsewhere, e.g. to
 * {@link SoftwareAuthenticator#add(Credential) add} it to another authenticator.
 */
public final class Credential {

    private final byte[] rawId;
    private final KeyPair keyPair;
    private final String rpId;
    private final byte[] userHandle;
    final boolean backupEligible;
    final boolean backedUp;
    final boolean counterless;
    long signCount;

    Credential(byte[] rawId, KeyPair keyPair, String rpId, byte[] userHandle,
               boolean backupEligible, boolean backedUp, boolean counterless, long signCount) {
        this.rawId = rawId.clone();
        this.keyPair = keyPair;
        this.rpId = rpId;
        this.userHandle = userHandle.clone();
        this.backupEligible = backupEligible;
        this.backedUp = backedUp;
        this.counterless = counterless;
        this.signCount = signCount;
    }

    /** The credential ID, base64url. */
    public String id() {
        return base64Url(rawId);
    }

    public byte[] rawId() {
        return rawId.clone();
    }

    public KeyPair keyPair() {
        return keyPair;
    }

    public String rpId() {
        return rpId;
    }

    /** The user handle ({@code user.id} of the creation options), base64url. */
    public String userHandle() {
        return base64Url(userHandle);
    }

    public long signCount() {
        return signCount;
    }

    public boolean backupEligible() {
        return backupEligible;
    }

    public boolean backedUp() {
        return backedUp;
    }

    /** An independent clone: same ID, keys, RP ID and user handle, its own counter from the current value. */
    public Credential copy() {
        return new Credential(rawId, keyPair, rpId, userHandle, backupEligible, backedUp, counterless, signCount);
    }

    static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "Credential[id=" + id() + ", rpId=" + rpId + ", userHandle=" + userHandle() + ", signCount=" + signCount + "]";
    }
}
