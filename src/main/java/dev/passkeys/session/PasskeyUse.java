package dev.passkeys.session;

/**
 * What a verified assertion says about its passkey, to be recorded with the session it starts.
 *
 * @param verifiedCount the stored signature counter the assertion was verified against
 * @param signatureCount the authenticator's new signature counter
 * @param backedUp the authenticator data's backup state (BS) flag
 */
public record PasskeyUse(long verifiedCount, long signatureCount, boolean backedUp) {
}
