/**
 * The four WebAuthn ceremonies. Yubico's {@code RelyingParty} builds every option and does every
 * verification; this package loads what a ceremony needs first, binds it to a challenge, and names
 * each failure with the contract's code.
 */
package dev.passkeys.webauthn;
